-- Family 'comment': the free text of one program's annual survey wave, a fixed cell that no filter narrows.
-- Only answers to questions marked as comments (a text question whose construct is 'comments') count; no
-- other text is ever published. A candidate has at least $min_n respondents to the wave in the program (the
-- people any comment could be from). Output: temp tables cand and scope.
CREATE OR REPLACE TEMP TABLE cand AS
WITH respondents AS (
    SELECT r.wave_id, r.program_id, count(*) AS n
    FROM responses r JOIN survey_waves w ON w.wave_id = r.wave_id
    WHERE w.kind = 'annual'
    GROUP BY ALL
),
texts AS (
    SELECT r.wave_id, r.program_id, trim(a.text_value) AS comment, count(*) AS n
    FROM answers a
    JOIN responses r ON r.response_id = a.response_id
    JOIN items i ON i.item_id = a.item_id
    WHERE i.response_type = 'text' AND lower(i.construct) = 'comments'
      AND a.text_value IS NOT NULL AND trim(a.text_value) <> ''
    GROUP BY ALL
)
SELECT concat_ws('|', t.wave_id, t.program_id) AS cell, t.comment AS token, t.n,
       t.wave_id, w.academic_year AS ay, p.institution_id, t.program_id
FROM texts t
JOIN respondents r ON r.wave_id = t.wave_id AND r.program_id = t.program_id
JOIN survey_waves w ON w.wave_id = t.wave_id
JOIN programs p ON p.program_id = t.program_id
WHERE r.n >= $min_comment_n;

CREATE OR REPLACE TEMP TABLE scope AS
SELECT DISTINCT cell FROM cand
UNION
SELECT cell FROM pub_state WHERE family = 'comment';
