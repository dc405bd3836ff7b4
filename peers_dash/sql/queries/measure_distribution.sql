-- One measure's answers (or scores) in view, from published counts: respondents per value.
-- $wave_kind: the kind of wave; $id: the question's or instrument's id.
-- {source}, {id} and {value} as in measure_summary.sql (code constants).
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
SELECT {dims}
       {value} AS value,
       sum(n) AS n_answers
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
  AND {id} = $id
GROUP BY ALL
HAVING count(*) > 0
ORDER BY value
