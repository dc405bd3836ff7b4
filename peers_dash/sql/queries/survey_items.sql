-- Per question and cell: responses, favourable answers, mean and spread, from published answer counts
-- ({source}: pub_answers, or for a consortium view cons_answers).
-- $wave_kind: the kind of wave; $items: the questions (item ids).
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
SELECT {dims}
       a.item_id,
       sum(a.n) AS n_responses,
       coalesce(sum(a.n) FILTER (WHERE a.value BETWEEN i.favorable_min AND i.favorable_max), 0) AS n_favorable,
       coalesce(sum(a.n) FILTER (WHERE i.favorable_min IS NOT NULL), 0) AS n_rated,
       sum(a.n * a.value) / sum(a.n) AS mean,
       CASE WHEN sum(a.n) > 1
            THEN sqrt(greatest((sum(a.n * a.value * a.value) - sum(a.n * a.value) ^ 2 / sum(a.n)) / (sum(a.n) - 1), 0))
       END AS sd
FROM {source} a
JOIN items i ON i.item_id = a.item_id
WHERE {where}
  AND a.wave_kind = $wave_kind
  AND list_contains($items, a.item_id)
GROUP BY ALL
HAVING count(*) > 0
