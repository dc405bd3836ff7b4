-- The content hash and status of the latest import of a file name of a kind (has this very file been
-- imported, and is it still applied?).
-- $kind: the import's kind; $file_name: the file's name.
SELECT content_hash, status
FROM imports
WHERE kind = $kind AND file_name = $file_name
ORDER BY import_id DESC
LIMIT 1;
