-- Total score of a scored instrument per cell (complete answers only), from published score counts ({source}:
-- pub_scores, or for a consortium view cons_scores).
-- $wave_kind: the kind of wave; $instrument: the instrument's id.
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
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
