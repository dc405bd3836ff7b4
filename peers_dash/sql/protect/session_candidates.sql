-- Family 'session': one group's session. Its content is how many of its expected people were present, absent
-- and excused (attendance holds one row per person and session: the importer refuses a person twice in a
-- session); it is a candidate when at least $min_n people were expected.
-- Input (temp table): scope_sessions(session_id). Output: temp tables cand(cell, token, n),
-- cand_dims(cell, dimensions) and scope(cell).
CREATE OR REPLACE TEMP TABLE cand AS
WITH counts AS (
    SELECT session_id,
           count(*) FILTER (WHERE status = 'present') AS present,
           count(*) FILTER (WHERE status = 'absent') AS absent,
           count(*) FILTER (WHERE status = 'excused') AS excused
    FROM attendance_facts
    WHERE session_id IN (SELECT session_id FROM scope_sessions)
    GROUP BY session_id
    HAVING count(*) >= $min_n
)
SELECT CAST(session_id AS VARCHAR) AS cell, token, n
FROM counts UNPIVOT (n FOR token IN (present, absent, excused))
WHERE n > 0;

CREATE OR REPLACE TEMP TABLE cand_dims AS
SELECT CAST(session_id AS VARCHAR) AS cell, session_id, institution_id, program_id, program_kind, cohort_id, group_id,
       ay, class_year, session_number, topic, modality
FROM session_dims
WHERE CAST(session_id AS VARCHAR) IN (SELECT cell FROM cand);

CREATE OR REPLACE TEMP TABLE scope AS
SELECT CAST(session_id AS VARCHAR) AS cell FROM scope_sessions;
