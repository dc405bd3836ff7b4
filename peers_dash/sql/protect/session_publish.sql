-- The published sessions in scope, with their dimensions (analysts' group-level attendance).
DELETE FROM pub_sessions WHERE cell IN (SELECT cell FROM scope);

INSERT INTO pub_sessions
WITH content AS (
    SELECT cell, token, n FROM pub_content WHERE family = 'session' AND cell IN (SELECT cell FROM scope)
),
dims AS (
    SELECT DISTINCT cell, session_id, institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year,
           session_number, topic, modality
    FROM cand
)
SELECT d.cell, d.session_id, d.institution_id, d.program_id, d.program_kind, d.cohort_id, d.group_id, d.ay,
       d.class_year, d.session_number, d.topic, d.modality, 1, 1,
       coalesce(sum(c.n) FILTER (WHERE c.token = 'present'), 0),
       coalesce(sum(c.n) FILTER (WHERE c.token = 'absent'), 0),
       coalesce(sum(c.n) FILTER (WHERE c.token = 'excused'), 0)
FROM content c JOIN dims d ON d.cell = c.cell
GROUP BY ALL;
