-- Families 'answer' and 'score': the finest cell any survey figure uses, one wave's respondents to one question
-- ({measure} item_id, tokens: their answers, from answer_rollup) or with a complete set of answers to one
-- scored instrument ({measure} instrument_id, tokens: their totals, from complete_scores), per program,
-- cohort, class year and attendance band. Every respondent answers once per wave, so n is distinct people.
-- {source} and {token} are code constants. Output: temp tables atom_tokens(atomic, token, n) and
-- atoms(atomic, r1, r2, n, dims...).
CREATE OR REPLACE TEMP TABLE keyed AS
SELECT concat_ws('|', wave_id, program_id, coalesce(CAST(cohort_id AS VARCHAR), '∅'), coalesce(class_year, '∅'),
                 coalesce(attendance_band, '∅'), {measure}) AS atomic,
       concat_ws('|', wave_id, program_id, coalesce(CAST(cohort_id AS VARCHAR), '∅'), coalesce(class_year, '∅'),
                 '∅', {measure}) AS r1,
       concat_ws('|', wave_id, program_id, '∅', '∅', '∅', {measure}) AS r2,
       *
FROM {source};

CREATE OR REPLACE TEMP TABLE atom_tokens AS
SELECT atomic, CAST({token} AS VARCHAR) AS token, sum(n) AS n FROM keyed GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE atoms AS
SELECT atomic, r1, r2, sum(n) AS n,
       wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind, cohort_id, class_year,
       attendance_band, {measure}
FROM keyed
GROUP BY ALL;
