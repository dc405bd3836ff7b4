-- Undo (a write that starts from an older file): every survey response's first place, as the current file
-- (attached as current_db) has it, and the secret its keys are made with, so a response read again is placed
-- where it was first seen (ingest's survey import). Run only when current_db has the table response_place.
INSERT INTO response_place
SELECT * FROM current_db.response_place
EXCEPT SELECT * FROM response_place;

INSERT INTO meta
SELECT * FROM current_db.meta WHERE key = 'response_key_secret'
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
