-- Family 'response': a wave's eligible people and respondents per cohort; the tokens are 'responded' and
-- 'not responded'. A cell's n is the smaller of its respondents and its eligible people.
-- Output: temp tables atoms(atom_no, atomic, r1, r2, n, dims...) and atom_tokens(atom_no, token, n).
CREATE OR REPLACE TEMP TABLE atoms AS
SELECT row_number() OVER () AS atom_no,
       coalesce((SELECT count(*) FROM groups g WHERE g.cohort_id = f.cohort_id), 0) AS cohort_groups,
       cohort_id AS k_cohort,
       concat_ws('|', wave_id, cohort_id) AS atomic,
       concat_ws('|', wave_id, 'program', program_id) AS r1,
       CAST(NULL AS VARCHAR) AS r2,
       least(n_responded, n_eligible) AS n,
       n_responded, n_eligible,
       wave_id, wave_kind, ay, session_number, institution_id, program_id, program_kind, cohort_id, class_year
FROM response_rate_facts f;

CREATE OR REPLACE TEMP TABLE atom_tokens AS
SELECT atom_no, token, n
FROM (
    SELECT atom_no, 'responded' AS token, n_responded AS n FROM atoms
    UNION ALL
    SELECT atom_no, 'not responded', greatest(n_eligible - n_responded, 0) FROM atoms
)
WHERE n > 0;
