-- Total score of a scored instrument per cell (complete answers only), from published score counts.
SELECT {dims}
       sum(n) AS n_responses,
       sum(n * score) / sum(n) AS mean,
       CASE WHEN sum(n) > 1
            THEN sqrt(greatest((sum(n * score * score) - sum(n * score) ^ 2 / sum(n)) / (sum(n) - 1), 0))
       END AS sd
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
  AND instrument_id = $instrument
GROUP BY ALL
HAVING count(*) > 0
