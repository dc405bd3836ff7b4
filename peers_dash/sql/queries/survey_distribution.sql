-- Per question, cell and answer: how many published responses gave it ({source}: pub_answers, or for a
-- consortium view cons_answers).
-- $wave_kind: the kind of wave; $items: the questions (item ids).
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
SELECT {dims}
       item_id,
       value,
       sum(n) AS n_answers
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
  AND list_contains($items, item_id)
GROUP BY ALL
HAVING count(*) > 0
