-- The published response-rate cells.
DELETE FROM pub_response_rates WHERE cell IN (SELECT cell FROM scope);

INSERT INTO pub_response_rates
WITH content AS (
    SELECT cell, token, n FROM pub_content WHERE family = 'response' AND cell IN (SELECT cell FROM scope)
),
dims AS (
    SELECT DISTINCT cell, wave_id, wave_kind, ay, session_number, institution_id, program_id, program_kind,
           cohort_id, class_year
    FROM cand
)
SELECT d.cell, d.wave_id, d.wave_kind, d.ay, d.session_number, d.institution_id, d.program_id, d.program_kind,
       d.cohort_id, d.class_year, sum(c.n), coalesce(sum(c.n) FILTER (WHERE c.token = 'responded'), 0)
FROM content c JOIN dims d ON d.cell = c.cell
GROUP BY ALL;
