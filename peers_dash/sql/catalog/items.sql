-- The standard items (peers_dash/model/catalog.py), from the registered frame catalog_rows: inserted, or brought up to
-- date (the code is the truth for its own ids; an office's own items have other ids).
INSERT INTO items (item_id, instrument_id, position, item_text, short_label, construct, response_type, scale_min,
                   scale_max, scale_labels, reverse_scored, favorable_min, favorable_max, higher_is_better, is_total)
SELECT CAST(item_id AS VARCHAR), CAST(instrument_id AS VARCHAR), CAST(position AS INTEGER),
       CAST(item_text AS VARCHAR), CAST(short_label AS VARCHAR), CAST(construct AS VARCHAR),
       CAST(response_type AS VARCHAR), CAST(scale_min AS INTEGER), CAST(scale_max AS INTEGER),
       CAST(scale_labels AS VARCHAR[]), CAST(reverse_scored AS BOOLEAN), CAST(favorable_min AS INTEGER),
       CAST(favorable_max AS INTEGER), CAST(higher_is_better AS BOOLEAN), CAST(is_total AS BOOLEAN)
FROM catalog_rows
ON CONFLICT (item_id) DO UPDATE SET
    instrument_id = excluded.instrument_id, position = excluded.position, item_text = excluded.item_text,
    short_label = excluded.short_label, construct = excluded.construct, response_type = excluded.response_type,
    scale_min = excluded.scale_min, scale_max = excluded.scale_max, scale_labels = excluded.scale_labels,
    reverse_scored = excluded.reverse_scored, favorable_min = excluded.favorable_min,
    favorable_max = excluded.favorable_max, higher_is_better = excluded.higher_is_better,
    is_total = excluded.is_total;
