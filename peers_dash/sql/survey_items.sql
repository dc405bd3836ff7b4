-- Per item and cell: respondents, favourable answers (top-2-box), mean and spread.
SELECT {dims}
       item_id,
       count(DISTINCT response_id) AS n_people,
       count(*) FILTER (WHERE favorable) AS n_favorable,
       count(favorable) AS n_rated,
       avg(value) AS mean,
       stddev_samp(value) AS sd
FROM answer_facts
WHERE {where}
  AND wave_kind = $wave_kind
  AND list_contains($items, item_id)
  AND value IS NOT NULL
GROUP BY ALL
