-- The published sessions (analysts' group-level attendance): rewritten only for the cells whose content or
-- dimensions changed in this write.
CREATE OR REPLACE TEMP TABLE p_scope AS
SELECT cell FROM v_decision
UNION
SELECT cell FROM (
    SELECT cell, session_id, institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year,
           session_number, topic, modality FROM cand_dims
    EXCEPT
    SELECT cell, session_id, institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year,
           session_number, topic, modality FROM pub_sessions
    WHERE cell IN (SELECT cell FROM scope)
);

DELETE FROM pub_sessions WHERE cell IN (SELECT cell FROM p_scope);

INSERT INTO pub_sessions
WITH content AS (
    SELECT cell, token, n FROM pub_content WHERE family = 'session' AND cell IN (SELECT cell FROM p_scope)
)
SELECT d.cell, d.session_id, d.institution_id, d.program_id, d.program_kind, d.cohort_id, d.group_id, d.ay,
       d.class_year, d.session_number, d.topic, d.modality, 1, 1,
       coalesce(sum(c.n) FILTER (WHERE c.token = 'present'), 0),
       coalesce(sum(c.n) FILTER (WHERE c.token = 'absent'), 0),
       coalesce(sum(c.n) FILTER (WHERE c.token = 'excused'), 0)
FROM content c JOIN cand_dims d ON d.cell = c.cell
GROUP BY ALL;
