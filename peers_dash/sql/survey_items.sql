-- Per item and cell: respondents, favourable answers (top-2-box), mean and spread, from answer counts.
SELECT {dims}
       item_id,
       sum(n) AS n_people,
       coalesce(sum(n) FILTER (WHERE favorable), 0) AS n_favorable,
       coalesce(sum(n) FILTER (WHERE favorable IS NOT NULL), 0) AS n_rated,
       sum(n * value) / sum(n) AS mean,
       CASE WHEN sum(n) > 1 THEN sqrt(greatest((sum(n * value * value) - sum(n * value) ^ 2 / sum(n)) / (sum(n) - 1), 0))
       END AS sd
FROM answer_rollup
WHERE {where}
  AND wave_kind = $wave_kind
  AND list_contains($items, item_id)
GROUP BY ALL
