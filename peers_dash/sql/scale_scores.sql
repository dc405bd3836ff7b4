-- Total score of a scored instrument for complete responses, per cell, from score counts.
SELECT {dims}
       sum(n) AS n_people,
       sum(n * score) / sum(n) AS mean,
       CASE WHEN sum(n) > 1 THEN sqrt(greatest((sum(n * score * score) - sum(n * score) ^ 2 / sum(n)) / (sum(n) - 1), 0))
       END AS sd
FROM score_rollup
WHERE {where}
  AND wave_kind = $wave_kind
  AND instrument_id = $instrument
  AND n_items = $n_items
GROUP BY ALL
