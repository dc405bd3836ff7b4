-- The published answer cells ($family 'answer' into pub_answers, or 'score' into pub_scores; the table and
-- measure column are code constants), one row per answer value.
DELETE FROM {table} WHERE cell IN (SELECT cell FROM scope);

INSERT INTO {table}
WITH content AS (
    SELECT cell, token, n FROM pub_content WHERE family = $family AND cell IN (SELECT cell FROM scope)
),
dims AS (
    SELECT DISTINCT cell, wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind,
           cohort_id, class_year, attendance_band, {measure}
    FROM cand
)
SELECT d.cell, d.wave_id, d.wave_kind, d.ay, d.session_number, d.topic, d.institution_id, d.program_id,
       d.program_kind, d.cohort_id, d.class_year, d.attendance_band, d.{measure}, CAST(c.token AS DOUBLE), c.n
FROM content c JOIN dims d ON d.cell = c.cell;
