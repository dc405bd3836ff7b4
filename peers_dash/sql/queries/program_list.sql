-- The programs of the given institutions, by kind (MD, residency, fellowship, PhD) then name.
-- $ids: the institution ids (empty: every institution).
SELECT program_id, name, kind, institution_id
FROM programs
WHERE len($ids) = 0 OR list_contains($ids, institution_id)
ORDER BY CASE kind WHEN 'md' THEN 0 WHEN 'residency' THEN 1 WHEN 'fellowship' THEN 2 ELSE 3 END, name
