-- The published comments, each cell whole: rewritten only for the cells whose content changed.
DELETE FROM pub_comments WHERE cell IN (SELECT cell FROM v_decision);

INSERT INTO pub_comments
SELECT d.cell, d.wave_id, d.ay, d.institution_id, d.program_id, c.token, c.n
FROM pub_content c JOIN cand_dims d ON d.cell = c.cell
WHERE c.family = 'comment' AND c.cell IN (SELECT cell FROM v_decision);
