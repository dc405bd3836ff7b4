-- The standard instruments (peers_dash/model/catalog.py), from the registered frame catalog_rows: inserted, or brought
-- up to date (the code is the truth for its own ids).
INSERT INTO instruments (instrument_id, name, construct, scored, score_min, score_max, higher_is_better, scoring,
                         cutoff, cutoff_op, cutoff_label, source, short_name)
SELECT CAST(instrument_id AS VARCHAR), CAST(name AS VARCHAR), CAST(construct AS VARCHAR), CAST(scored AS BOOLEAN),
       CAST(score_min AS INTEGER), CAST(score_max AS INTEGER), CAST(higher_is_better AS BOOLEAN),
       CAST(scoring AS VARCHAR), CAST(cutoff AS DOUBLE), CAST(cutoff_op AS VARCHAR), CAST(cutoff_label AS VARCHAR),
       CAST(source AS VARCHAR), CAST(short_name AS VARCHAR)
FROM catalog_rows
ON CONFLICT (instrument_id) DO UPDATE SET
    name = excluded.name, construct = excluded.construct, scored = excluded.scored, score_min = excluded.score_min,
    score_max = excluded.score_max, higher_is_better = excluded.higher_is_better, scoring = excluded.scoring,
    cutoff = excluded.cutoff, cutoff_op = excluded.cutoff_op, cutoff_label = excluded.cutoff_label,
    source = excluded.source, short_name = excluded.short_name;
