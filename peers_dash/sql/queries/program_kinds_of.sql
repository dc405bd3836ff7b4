-- The program kinds of the chosen programs and of the chosen cohorts' programs, in alphabetical order (what a
-- view covers when no kind is chosen: lookups.program_kinds).
-- $programs, $cohorts: the ids chosen.
SELECT DISTINCT p.kind
FROM programs p
LEFT JOIN cohorts c ON c.program_id = p.program_id
WHERE list_contains($programs, p.program_id) OR list_contains($cohorts, c.cohort_id)
ORDER BY 1
