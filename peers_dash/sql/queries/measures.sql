-- Every survey measure with published results in waves of kind $wave_kind: the questions published one by one
-- (pub_answers) and the scores of scored instruments (pub_scores), listed at write time in pub_measure_list,
-- with what a chart needs to read them.
-- $wave_kind: 'annual' or 'post_session'. $key: one measure's key ('item:peers_space', 'score:pss4'), or NULL
-- for every one.
SELECT 'item:' || i.item_id AS key, 'item' AS kind, i.item_id AS id, i.short_label AS label, i.item_text AS text,
       n.instrument_id, n.name AS instrument, coalesce(n.short_name, n.name) AS family, i.response_type,
       CAST(i.scale_min AS DOUBLE) AS lo, CAST(i.scale_max AS DOUBLE) AS hi, i.higher_is_better,
       CAST(i.favorable_min AS DOUBLE) AS fav_min, CAST(i.favorable_max AS DOUBLE) AS fav_max,
       CAST(NULL AS DOUBLE) AS cutoff, CAST(NULL AS VARCHAR) AS cutoff_op, CAST(NULL AS VARCHAR) AS cutoff_label,
       CAST(NULL AS VARCHAR) AS source, i.scale_labels AS labels, n.instrument_id = 'custom' AS own,
       i.position
FROM items i
JOIN instruments n ON n.instrument_id = i.instrument_id
WHERE i.item_id IN (SELECT id FROM pub_measure_list WHERE wave_kind = $wave_kind AND kind = 'item')
  AND ($key IS NULL OR 'item:' || i.item_id = $key)
UNION ALL
SELECT 'score:' || n.instrument_id, 'score', n.instrument_id, coalesce(n.short_name, n.name) || ' score', n.name,
       n.instrument_id, n.name, coalesce(n.short_name, n.name), 'score',
       CAST(n.score_min AS DOUBLE), CAST(n.score_max AS DOUBLE), n.higher_is_better, NULL, NULL,
       n.cutoff, n.cutoff_op, n.cutoff_label, n.source, NULL, false, 0
FROM instruments n
WHERE n.instrument_id IN (SELECT id FROM pub_measure_list WHERE wave_kind = $wave_kind AND kind = 'score')
  AND ($key IS NULL OR 'score:' || n.instrument_id = $key)
ORDER BY own, instrument_id = 'peers' DESC, family, position
