-- Attendance per cell of a breakdown, added up over published cells ({source}: pub_att_cells, or
-- cons_att_cells for a consortium view, or pub_sessions for analysts' group views; all hold only published
-- cells).
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
SELECT {dims}
       sum(n_sessions) AS n_sessions,
       sum(n_present) AS n_present,
       sum(n_absent) AS n_absent,
       sum(n_excused) AS n_excused
FROM {source}
WHERE {where}
GROUP BY ALL
HAVING count(*) > 0
