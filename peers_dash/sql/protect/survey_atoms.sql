-- Families 'answer' and 'score': the finest cell any survey figure uses, one wave's respondents to one question
-- ({measure} item_id, tokens: their answers, from item_answers) or with a complete set of answers to one
-- scored instrument ({measure} instrument_id, tokens: their totals, from complete_scores), per program,
-- cohort, class year and attendance band. Every respondent answers once per wave, so n is distinct people.
-- {source} and {token} are code constants. Output: temp tables atoms(atom_no, atomic, r1, r2, n, dims...)
-- and atom_tokens(atom_no, token, n).
CREATE OR REPLACE TEMP TABLE atoms AS
WITH a AS (
    SELECT wave_id, program_id, coalesce(cohort_id, -1) AS k_cohort, coalesce(class_year, '∅') AS k_class,
           coalesce(attendance_band, '∅') AS k_band, {measure}, sum(n) AS n,
           any_value(wave_kind) AS wave_kind, any_value(ay) AS ay, any_value(session_number) AS session_number,
           any_value(topic) AS topic, any_value(institution_id) AS institution_id,
           any_value(program_kind) AS program_kind, any_value(cohort_id) AS cohort_id,
           any_value(class_year) AS class_year, any_value(attendance_band) AS attendance_band
    FROM {source}
    GROUP BY ALL
)
SELECT row_number() OVER () AS atom_no,
       coalesce((SELECT count(*) FROM groups g WHERE g.cohort_id = a.k_cohort), 0) AS cohort_groups,
       concat_ws('|', wave_id, program_id, CASE WHEN k_cohort = -1 THEN '∅' ELSE CAST(k_cohort AS VARCHAR) END,
                 k_class, k_band, {measure}) AS atomic,
       concat_ws('|', wave_id, program_id, CASE WHEN k_cohort = -1 THEN '∅' ELSE CAST(k_cohort AS VARCHAR) END,
                 k_class, '∅', {measure}) AS r1,
       concat_ws('|', wave_id, program_id, '∅', '∅', '∅', {measure}) AS r2,
       *
FROM a;

CREATE OR REPLACE TEMP TABLE atom_tokens AS
SELECT a.atom_no, CAST(s.{token} AS VARCHAR) AS token, s.n
FROM {source} s
JOIN atoms a ON a.wave_id = s.wave_id AND a.program_id = s.program_id AND a.k_cohort = coalesce(s.cohort_id, -1)
            AND a.k_class = coalesce(s.class_year, '∅') AND a.k_band = coalesce(s.attendance_band, '∅')
            AND a.{measure} = s.{measure};
