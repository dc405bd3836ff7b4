-- The sessions held on the days a Zoom or Teams report shows (the candidates for its session): id, date,
-- group and cohort.
-- $days: the days, as 'YYYY-MM-DD'.
SELECT s.session_id, CAST(s.session_date AS VARCHAR), g.name, c.name
FROM sessions s
JOIN groups g USING (group_id)
JOIN cohorts c ON c.cohort_id = g.cohort_id
WHERE list_contains($days, CAST(s.session_date AS VARCHAR))
ORDER BY 1;
