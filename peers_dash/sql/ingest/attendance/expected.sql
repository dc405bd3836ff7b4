-- Who is expected at each session the file is about (temp table covered): every member enrolled in the
-- session's group on its date, as the temp table expected.
CREATE OR REPLACE TEMP TABLE expected AS
SELECT DISTINCT s.session_id, m.participant_id
FROM covered f
JOIN sessions s ON s.session_id = f.session_id
JOIN memberships m ON m.group_id = s.group_id AND m.start_date <= s.session_date
     AND (m.end_date IS NULL OR m.end_date >= s.session_date);
