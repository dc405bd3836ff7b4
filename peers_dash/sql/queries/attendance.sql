-- Attendance per cell of a breakdown, added up over published cells ({source}: pub_att_cells, or pub_sessions
-- for analysts' group views; both hold only published cells).
SELECT {dims}
       sum(n_sessions) AS n_sessions,
       sum(n_present) AS n_present,
       sum(n_absent) AS n_absent,
       sum(n_excused) AS n_excused
FROM {source}
WHERE {where}
GROUP BY ALL
HAVING count(*) > 0
