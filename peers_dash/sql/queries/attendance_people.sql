-- Attendance per cell of a breakdown with the people behind it, in one statement: the cells of
-- queries/attendance.sql and the people of queries/people.sql for the same breakdown, matched on its columns
-- (a combined cell's NULL matches the other's NULL).
-- {{attendance}}, {{people}}: those two files as rendered for the breakdown; {{on}}: the match on its columns
-- (code constants, written double here so that filling them leaves this comment alone); their $parameters are
-- the filter's, named in those two files.
WITH a AS (
{attendance}
), p AS (
{people}
)
SELECT a.*, p.n_people
FROM a LEFT JOIN p ON {on}
