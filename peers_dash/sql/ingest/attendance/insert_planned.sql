-- The sessions a sign-in sheet needs (temp table planned_sessions, plan_sessions.sql), numbered 1 to 10,
-- added in person with no time or length.
INSERT INTO sessions
SELECT session_id, group_id, session_number, topic, session_date, NULL, NULL, 'in_person'
FROM planned_sessions WHERE session_number BETWEEN 1 AND 10;
