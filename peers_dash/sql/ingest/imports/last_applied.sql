-- The last import still applied in the current file (attached as cur), for undo.
SELECT * FROM cur.imports WHERE status = 'applied' ORDER BY import_id DESC LIMIT 1;
