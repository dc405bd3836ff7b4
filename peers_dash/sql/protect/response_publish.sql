-- The published response-rate cells: rewritten only for the cells whose content or dimensions changed.
CREATE OR REPLACE TEMP TABLE p_scope AS
SELECT cell FROM v_decision
UNION
SELECT cell FROM (
    SELECT cell, wave_id, wave_kind, ay, session_number, institution_id, program_id, program_kind, cohort_id,
           class_year
    FROM cand_dims
    EXCEPT
    SELECT cell, wave_id, wave_kind, ay, session_number, institution_id, program_id, program_kind, cohort_id,
           class_year
    FROM pub_response_rates
);

DELETE FROM pub_response_rates WHERE cell IN (SELECT cell FROM p_scope);

INSERT INTO pub_response_rates
SELECT d.cell, d.wave_id, d.wave_kind, d.ay, d.session_number, d.institution_id, d.program_id, d.program_kind,
       d.cohort_id, d.class_year, sum(c.n), coalesce(sum(c.n) FILTER (WHERE c.token = 'responded'), 0)
FROM pub_content c JOIN cand_dims d ON d.cell = c.cell
WHERE c.family = 'response' AND c.cell IN (SELECT cell FROM p_scope)
GROUP BY ALL
ORDER BY d.ay, d.institution_id, d.wave_kind;  -- a year, then a school, kept together: views skip the rest
