-- Undo: the import undone (the registered frame undone, its row with status 'undone') marked so in the
-- log of the older file the undo writes from.
INSERT INTO imports SELECT * FROM undone
ON CONFLICT (import_id) DO UPDATE SET status = 'undone';
