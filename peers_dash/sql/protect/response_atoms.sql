-- Family 'response': a wave's eligible people and respondents per cohort; the tokens are 'responded' and
-- 'not responded'. A cell's n is the smaller of its respondents and its eligible people.
-- Output: temp tables atom_tokens(atomic, token, n) and atoms(atomic, r1, r2, n, dims...).
CREATE OR REPLACE TEMP TABLE atom_tokens AS
SELECT concat_ws('|', wave_id, cohort_id) AS atomic, token, n
FROM (
    SELECT wave_id, cohort_id, 'responded' AS token, n_responded AS n FROM response_rate_facts
    UNION ALL
    SELECT wave_id, cohort_id, 'not responded', greatest(n_eligible - n_responded, 0) FROM response_rate_facts
)
WHERE n > 0;

CREATE OR REPLACE TEMP TABLE atoms AS
SELECT concat_ws('|', wave_id, cohort_id) AS atomic,
       concat_ws('|', wave_id, 'program', program_id) AS r1,
       CAST(NULL AS VARCHAR) AS r2,
       least(n_responded, n_eligible) AS n,
       wave_id, wave_kind, ay, session_number, institution_id, program_id, program_kind, cohort_id, class_year
FROM response_rate_facts;
