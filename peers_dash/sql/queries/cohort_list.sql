-- The cohorts of the given programs and institutions, newest first.
-- $programs, $institutions: the ids (empty: every one).
SELECT c.cohort_id, c.name, c.program_id, c.grad_year
FROM cohorts c
JOIN programs p ON p.program_id = c.program_id
WHERE (len($programs) = 0 OR list_contains($programs, c.program_id))
  AND (len($institutions) = 0 OR list_contains($institutions, p.institution_id))
ORDER BY c.grad_year DESC, c.name
