-- Candidate content of every published answer cell ($family 'answer' or 'score'; {measure} is item_id or
-- instrument_id): the answers of the finest cells assigned to it (assign.sql), with the dimensions the cell
-- keeps (rung 1 loses the attendance band; rung 2 also the cohort and class year). A candidate has at
-- least $min_n respondents, and no cohort of its own that has turned out to be a single PEERS group (a survey
-- imported before the roster placed it alone; its cells are then hidden). Output: temp tables cand(cell, token,
-- n), cand_dims(cell, dimensions), scope(cell).
CREATE OR REPLACE TEMP TABLE members AS
SELECT p.cell, p.rung, a.*
FROM pub_assign p JOIN atoms a ON a.atomic = p.atomic
WHERE p.family = $family;

CREATE OR REPLACE TEMP TABLE cand_dims AS
SELECT cell, any_value(wave_id) AS wave_id, any_value(wave_kind) AS wave_kind, any_value(ay) AS ay,
       any_value(session_number) AS session_number, any_value(topic) AS topic,
       any_value(institution_id) AS institution_id, any_value(program_id) AS program_id,
       any_value(program_kind) AS program_kind,
       any_value(CASE WHEN rung < 2 THEN cohort_id END) AS cohort_id,
       any_value(CASE WHEN rung < 2 THEN class_year END) AS class_year,
       any_value(CASE WHEN rung < 1 THEN attendance_band END) AS attendance_band,
       any_value({measure}) AS {measure}
FROM members
GROUP BY cell
HAVING sum(n) >= $min_n
   AND NOT bool_or(rung < 2 AND cohort_groups = 1);  -- a cohort known only later to be one group: no longer alone

CREATE OR REPLACE TEMP TABLE cand AS
SELECT m.cell, t.token, sum(t.n) AS n
FROM members m JOIN atom_tokens t ON t.atom_no = m.atom_no
WHERE m.cell IN (SELECT cell FROM cand_dims)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE scope AS
SELECT DISTINCT cell FROM pub_assign WHERE family = $family
UNION
SELECT cell FROM pub_state WHERE family = $family;
