-- The published comments, each cell whole.
DELETE FROM pub_comments WHERE cell IN (SELECT cell FROM scope);

INSERT INTO pub_comments
WITH content AS (
    SELECT cell, token, n FROM pub_content WHERE family = 'comment' AND cell IN (SELECT cell FROM scope)
),
dims AS (SELECT DISTINCT cell, wave_id, ay, institution_id, program_id FROM cand)
SELECT d.cell, d.wave_id, d.ay, d.institution_id, d.program_id, c.token, c.n
FROM content c JOIN dims d ON d.cell = c.cell;
