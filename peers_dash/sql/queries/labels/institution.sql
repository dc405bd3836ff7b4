-- The label of each institution: its name.
-- $ids: the institution ids wanted (empty: all).
SELECT institution_id AS id, name AS label
FROM institutions
WHERE len($ids) = 0 OR list_contains($ids, institution_id)
