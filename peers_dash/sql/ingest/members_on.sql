-- Every member expected at the given sessions: enrolled in the session's group on its date.
-- $sessions: the session ids.
SELECT s.session_id, m.participant_id
FROM sessions s
JOIN memberships m ON m.group_id = s.group_id AND m.start_date <= s.session_date
     AND (m.end_date IS NULL OR m.end_date >= s.session_date)
WHERE list_contains($sessions, s.session_id);
