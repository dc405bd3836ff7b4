-- The load test's sign-in sheet of round $round (peers_dash.loadtest): every member expected at the school's
-- latest 40 sessions, a quarter of them absent as hash($round) says, so each round rewrites the same sessions
-- differently.
-- $round: the sheet's number.
SELECT p.name AS program, CAST(c.grad_year AS VARCHAR) AS cohort, g.name AS "group",
       CAST(s.session_date AS VARCHAR) AS date, s.session_number, 'p' || m.participant_id || '@load.example' AS person,
       CASE WHEN hash(s.session_id, m.participant_id, $round) % 4 = 0 THEN 'absent' ELSE 'present' END AS status,
       '' AS minutes
FROM sessions s JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id) JOIN programs p USING (program_id)
JOIN memberships m ON m.group_id = s.group_id AND m.start_date <= s.session_date
     AND (m.end_date IS NULL OR m.end_date >= s.session_date)
WHERE s.session_id IN (SELECT session_id FROM sessions ORDER BY session_id DESC LIMIT 40)
