-- Attendance per cell of a breakdown: distinct people, and attendance records by status. {source} is
-- person_year or every record (queries.ATTENDANCE_SOURCES): both carry n_present, n_absent, n_excused, n_rows.
SELECT {dims}
       count(DISTINCT participant_id) AS n_people,
       sum(n_present) AS n_present,
       sum(n_absent) AS n_absent,
       sum(n_excused) AS n_excused
FROM {source}
WHERE {where}
GROUP BY ALL
