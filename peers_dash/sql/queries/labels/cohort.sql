-- The label of each cohort (sql/rollups/dim_labels.sql says how it is made: its name, with its institution's
-- where another institution has a cohort of the same name: 'MD Class of 2028 · Riverside').
-- $ids: the cohort ids wanted (empty: all).
SELECT id, label
FROM dim_labels
WHERE dim = 'cohort' AND (len($ids) = 0 OR list_contains($ids, id))
