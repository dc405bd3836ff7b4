-- Undo (a write that starts from an older file): every content the current file (attached as current_db) has
-- published and where its small cells were combined, so the next version is checked against everything a
-- viewer may have seen (version.sql, assign.sql). Run only when current_db has pub_hist and pub_assign.
INSERT INTO pub_hist
SELECT * FROM current_db.pub_hist
EXCEPT SELECT * FROM pub_hist;

INSERT INTO pub_assign
SELECT * FROM current_db.pub_assign c
WHERE NOT EXISTS (SELECT 1 FROM pub_assign p WHERE p.family = c.family AND p.atomic = c.atomic);
