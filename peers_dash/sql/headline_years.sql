-- Academic years with attendance in view, oldest first ({dims} is unused here).
SELECT DISTINCT {dims} ay
FROM {source}
WHERE {where}
ORDER BY ay
