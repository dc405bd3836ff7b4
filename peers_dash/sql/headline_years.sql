-- Academic years with attendance in view, oldest first ({dims} is unused here).
SELECT DISTINCT {dims} ay
FROM attendance_facts
WHERE {where}
ORDER BY ay
