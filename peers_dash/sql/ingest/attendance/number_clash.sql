-- Rows whose session number is not the number of the session on their date (the first 50).
SELECT date, session_number, db_number, _row, _file FROM located
WHERE session_id IS NOT NULL AND session_number <> ''
  AND TRY_CAST(session_number AS INTEGER) IS DISTINCT FROM db_number
ORDER BY _row LIMIT 50;
