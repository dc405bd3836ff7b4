-- Eligible people and respondents per cell, from published response counts ({source}: pub_response_rates, or
-- for a consortium view cons_response_rates).
-- $wave_kind: the kind of wave ('annual', 'post_session').
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
SELECT {dims}
       sum(n_eligible) AS n_eligible,
       sum(n_responded) AS n_responded
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
GROUP BY ALL
HAVING count(*) > 0
