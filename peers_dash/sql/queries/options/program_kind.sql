-- The program kinds of the institutions in view, in training order (MD, residency, fellowship, PhD).
-- $institutions: the institutions in view (empty: all).
SELECT DISTINCT kind AS value,
       CASE kind WHEN 'md' THEN 0 WHEN 'residency' THEN 1 WHEN 'fellowship' THEN 2 ELSE 3 END AS k
FROM programs
WHERE len($institutions) = 0 OR list_contains($institutions, institution_id)
ORDER BY k
