-- Rows of a known group whose session is not found (the first 50, one per group and date or number).
SELECT program, cohort, "group", date, session_number, min(_row) AS _row, any_value(_file) AS _file,
       count(*) AS n_rows
FROM located WHERE group_id IS NOT NULL AND session_id IS NULL GROUP BY ALL ORDER BY _row LIMIT 50;
