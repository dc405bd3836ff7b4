-- One import in the import log, numbered after the last, with the data version it produces (the current
-- one plus one).
-- $kind, $file_name, $content_hash, $source, $target: the import's kind, file, its bytes' sha256, the key its rows
-- are stored under and what it replaced; $imported_at, $imported_by: when and by whom; $rows_added,
-- $rows_replaced, $rows_rejected, $warnings: what it did.
INSERT INTO imports
SELECT coalesce(max(import_id), 0) + 1, $kind, $file_name, $content_hash, $source, $target, $imported_at, $imported_by,
       $rows_added, $rows_replaced, $rows_rejected, $warnings, 'applied',
       (SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'data_version')
FROM imports;
