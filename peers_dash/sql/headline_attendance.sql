-- The home page's attendance figures for two academic years.
SELECT ay,
       count(DISTINCT participant_id) AS n_people,
       count(DISTINCT group_id) AS n_groups,
       count(DISTINCT session_id) AS n_sessions,
       count(*) FILTER (WHERE status = 'present') AS n_present,
       count(*) FILTER (WHERE status = 'absent') AS n_absent,
       count(*) FILTER (WHERE status = 'excused') AS n_excused
FROM attendance_facts
WHERE {where}
  AND list_contains($years, ay)
GROUP BY ALL
