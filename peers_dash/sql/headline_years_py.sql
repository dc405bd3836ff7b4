-- Academic years with attendance in view, from the rollup ({dims} is unused here).
SELECT DISTINCT {dims} ay
FROM person_year
WHERE {where}
ORDER BY ay
