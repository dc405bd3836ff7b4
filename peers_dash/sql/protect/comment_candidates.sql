-- Family 'comment': the free text of one program's annual survey wave, a fixed cell that no filter narrows.
-- Only answers to questions marked as comments (a text question whose construct is 'comments') count; no
-- other text is ever published. A candidate has at least $min_comment_n respondents to the wave in the
-- program (the people any comment could be from). Output: temp tables cand(cell, token, n),
-- cand_dims(cell, dimensions), scope(cell).
CREATE OR REPLACE TEMP TABLE cand_dims AS
SELECT concat_ws('|', r.wave_id, r.program_id) AS cell, r.wave_id, any_value(w.academic_year) AS ay,
       any_value(p.institution_id) AS institution_id, r.program_id
FROM responses r
JOIN survey_waves w ON w.wave_id = r.wave_id
JOIN programs p ON p.program_id = r.program_id
WHERE w.kind = 'annual'
GROUP BY r.wave_id, r.program_id
HAVING count(*) >= $min_comment_n;

CREATE OR REPLACE TEMP TABLE cand AS
SELECT concat_ws('|', r.wave_id, r.program_id) AS cell, trim(a.text_value) AS token, count(*) AS n
FROM answers a
JOIN responses r ON r.response_id = a.response_id
JOIN items i ON i.item_id = a.item_id
WHERE i.response_type = 'text' AND lower(i.construct) = 'comments'
  AND a.text_value IS NOT NULL AND trim(a.text_value) <> ''
  AND concat_ws('|', r.wave_id, r.program_id) IN (SELECT cell FROM cand_dims)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE scope AS
SELECT cell FROM cand_dims
UNION
SELECT cell FROM pub_state WHERE family = 'comment';
