-- The label of each program (sql/rollups/dim_labels.sql says how it is made: its name, with its institution's
-- where another institution has a program of the same name), so that a chart bar, a click and a CSV row are
-- one program each.
-- $ids: the program ids wanted (empty: all).
SELECT id, label
FROM dim_labels
WHERE dim = 'program' AND (len($ids) = 0 OR list_contains($ids, id))
