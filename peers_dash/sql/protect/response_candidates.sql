-- Candidate content of every published response-rate cell: a cohort's eligible people and respondents in a
-- wave, or those of the program's cohorts too small alone (rung 1). A candidate has at least $min_n
-- respondents and $min_n eligible people. Output: temp tables cand(cell, token, n), cand_dims(cell,
-- dimensions), scope(cell).
CREATE OR REPLACE TEMP TABLE members AS
SELECT p.cell, p.rung, a.*
FROM pub_assign p JOIN atoms a ON a.atomic = p.atomic
WHERE p.family = 'response';

CREATE OR REPLACE TEMP TABLE cand_dims AS
SELECT cell, any_value(wave_id) AS wave_id, any_value(wave_kind) AS wave_kind, any_value(ay) AS ay,
       any_value(session_number) AS session_number, any_value(institution_id) AS institution_id,
       any_value(program_id) AS program_id, any_value(program_kind) AS program_kind,
       any_value(CASE WHEN rung < 1 THEN cohort_id END) AS cohort_id,
       any_value(CASE WHEN rung < 1 THEN class_year END) AS class_year
FROM members
GROUP BY cell
HAVING sum(n_responded) >= $min_n AND sum(greatest(n_eligible, n_responded)) >= $min_n
   AND NOT bool_or(rung < 1 AND cohort_groups = 1);  -- a cohort known only later to be one group

CREATE OR REPLACE TEMP TABLE cand AS
SELECT m.cell, t.token, sum(t.n) AS n
FROM members m JOIN atom_tokens t ON t.atom_no = m.atom_no
WHERE m.cell IN (SELECT cell FROM cand_dims)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE scope AS
SELECT DISTINCT cell FROM pub_assign WHERE family = 'response'
UNION
SELECT cell FROM pub_state WHERE family = 'response';
