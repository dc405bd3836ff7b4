-- The cohorts of the programs in view, newest first.
-- $institutions, $program_kinds, $programs: what is chosen above (empty: all).
SELECT c.cohort_id AS value
FROM cohorts c
JOIN programs p ON p.program_id = c.program_id
WHERE (len($institutions) = 0 OR list_contains($institutions, p.institution_id))
  AND (len($program_kinds) = 0 OR list_contains($program_kinds, p.kind))
  AND (len($programs) = 0 OR list_contains($programs, c.program_id))
ORDER BY c.grad_year DESC, c.name, c.cohort_id
