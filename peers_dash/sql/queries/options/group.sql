-- The PEERS groups of the chosen cohorts (none without a cohort), within the institutions in view.
-- $cohorts, $institutions: what is chosen above.
SELECT g.group_id AS value, g.name || ' (' || c.name || ')' AS label
FROM groups g
JOIN cohorts c ON c.cohort_id = g.cohort_id
JOIN programs p ON p.program_id = c.program_id
WHERE list_contains($cohorts, g.cohort_id)
  AND (len($institutions) = 0 OR list_contains($institutions, p.institution_id))
ORDER BY c.grad_year DESC, g.name
