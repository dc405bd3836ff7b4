-- The sessions a sign-in sheet would create (temp table planned_sessions, numbered 1 to 10), in words:
-- number, date, group and cohort, by date and group.
SELECT p.session_number, CAST(p.session_date AS VARCHAR), g.name, c.name
FROM planned_sessions p
JOIN groups g USING (group_id)
JOIN cohorts c USING (cohort_id)
WHERE p.session_number BETWEEN 1 AND 10
ORDER BY 2, 3;
