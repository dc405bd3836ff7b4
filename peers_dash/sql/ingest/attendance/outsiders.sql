-- Matched rows of people who are not members of the session's group on its date (recorded anyway; the
-- first 20, for warnings).
SELECT l.person, l."group", l.session_date AS date, l._row, l._file
FROM (SELECT * FROM located WHERE ok) l ANTI JOIN expected e USING (session_id, participant_id)
ORDER BY l._row LIMIT 20;
