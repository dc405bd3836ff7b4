-- The groups a sign-in sheet (temp table incoming) names, each with its first row and how many rows
-- name it, for matching in Python.
SELECT program, cohort, "group", min(_row) AS _row, any_value(_file) AS _file, count(*) AS n_rows
FROM incoming
GROUP BY ALL;
