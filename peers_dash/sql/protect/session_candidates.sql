-- Family 'session': one group's session. Its content is how many expected people were present, absent and
-- excused; it is a candidate when at least $min_n distinct people were expected.
-- Input (temp table): scope_sessions(session_id). Output: temp tables cand and scope.
CREATE OR REPLACE TEMP TABLE cand AS
WITH f AS (
    SELECT * FROM attendance_facts WHERE session_id IN (SELECT session_id FROM scope_sessions)
),
big AS (
    SELECT session_id FROM f GROUP BY session_id HAVING count(DISTINCT participant_id) >= $min_n
)
SELECT CAST(session_id AS VARCHAR) AS cell, status AS token, count(*) AS n,
       session_id, institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year, session_number,
       topic, modality
FROM f
WHERE session_id IN (SELECT session_id FROM big)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE scope AS
SELECT CAST(session_id AS VARCHAR) AS cell FROM scope_sessions;
