-- The programs of the institutions and kinds in view, by kind then name.
-- $institutions, $program_kinds: what is chosen above (empty: all).
SELECT program_id AS value
FROM programs
WHERE (len($institutions) = 0 OR list_contains($institutions, institution_id))
  AND (len($program_kinds) = 0 OR list_contains($program_kinds, kind))
ORDER BY CASE kind WHEN 'md' THEN 0 WHEN 'residency' THEN 1 WHEN 'fellowship' THEN 2 ELSE 3 END, name, program_id
