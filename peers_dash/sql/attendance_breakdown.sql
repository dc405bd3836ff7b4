-- Attendance per cell of a breakdown: distinct people, and attendance records by status.
SELECT {dims}
       count(DISTINCT participant_id) AS n_people,
       count(*) FILTER (WHERE status = 'present') AS n_present,
       count(*) FILTER (WHERE status = 'absent') AS n_absent,
       count(*) FILTER (WHERE status = 'excused') AS n_excused
FROM attendance_facts
WHERE {where}
GROUP BY ALL
