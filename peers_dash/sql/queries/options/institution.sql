-- The institutions the sidebar offers, by name.
-- $institutions: the institutions the person may see (empty: all).
SELECT institution_id AS value
FROM institutions
WHERE len($institutions) = 0 OR list_contains($institutions, institution_id)
ORDER BY name
