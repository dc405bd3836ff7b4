-- The import benchmark's sign-in sheet: every member of every benchmark session (import_structure.sql), about
-- 70% present, 10% excused and 20% absent by hash, in session order; written to CSV by peers_dash.bench_import.
SELECT 'Benchmark Residency' AS program, CAST(c.grad_year AS VARCHAR) AS cohort, g.name AS "group",
       CAST(s.session_date AS VARCHAR) AS date, s.session_number, 'p' || m.participant_id || '@bench.example' AS person,
       CASE WHEN hash(s.session_id, m.participant_id) % 10 < 7 THEN 'present'
            WHEN hash(s.session_id, m.participant_id) % 10 < 8 THEN 'excused' ELSE 'absent' END AS status,
       CASE WHEN hash(s.session_id, m.participant_id) % 10 < 7 THEN '60' ELSE '' END AS minutes
FROM sessions s JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id)
JOIN memberships m ON m.group_id = s.group_id
WHERE s.session_id >= 900000000
ORDER BY s.session_id, m.participant_id
