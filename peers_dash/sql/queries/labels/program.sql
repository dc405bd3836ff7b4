-- The label of each program: its name, with its institution's after it where another institution has a
-- program of the same name ('Internal Medicine · Riverside'), so that a chart bar, a click and a CSV row are
-- one program each.
-- $ids: the program ids wanted (empty: all).
SELECT id, label FROM (
    SELECT p.program_id AS id,
           CASE WHEN count(*) OVER (PARTITION BY p.name) > 1 THEN p.name || ' · ' || i.name ELSE p.name END AS label
    FROM programs p JOIN institutions i ON i.institution_id = p.institution_id)
WHERE len($ids) = 0 OR list_contains($ids, id)
