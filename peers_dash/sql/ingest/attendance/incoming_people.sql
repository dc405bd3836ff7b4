-- The people a sign-in sheet (temp table incoming) lists, each with its first row and how many rows list
-- them, for matching in Python.
SELECT person, min(_row) AS _row, any_value(_file) AS _file, count(*) AS n_rows
FROM incoming
GROUP BY person;
