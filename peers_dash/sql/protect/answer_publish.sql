-- The published answer cells ($family 'answer' into pub_answers, or 'score' into pub_scores), one row per
-- answer value: rewritten only for the cells whose content or dimensions changed in this write.
-- {table}: pub_answers or pub_scores; {measure}: item_id or instrument_id (code constants).
CREATE OR REPLACE TEMP TABLE p_scope AS
SELECT cell FROM v_decision
UNION
SELECT cell FROM (
    SELECT cell, wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind,
           cohort_id, class_year, attendance_band, {measure}
    FROM cand_dims
    EXCEPT
    SELECT cell, wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind,
           cohort_id, class_year, attendance_band, {measure}
    FROM {table}
);

DELETE FROM {table} WHERE cell IN (SELECT cell FROM p_scope);

INSERT INTO {table}
SELECT d.cell, d.wave_id, d.wave_kind, d.ay, d.session_number, d.topic, d.institution_id, d.program_id,
       d.program_kind, d.cohort_id, d.class_year, d.attendance_band, d.{measure}, CAST(c.token AS DOUBLE), c.n
FROM pub_content c JOIN cand_dims d ON d.cell = c.cell
WHERE c.family = $family AND c.cell IN (SELECT cell FROM p_scope)
ORDER BY d.ay, d.institution_id, d.wave_kind, d.{measure};  -- a year, then a school, kept together: views skip the rest
