-- The label of each PEERS group, as the sidebar offers it (sql/queries/options/group.sql): its name with its
-- cohort's ('Group 07 (MD Class of 2028)'), for the words that describe a filter.
-- $ids: the group ids wanted (empty: all).
SELECT g.group_id AS id, g.name || ' (' || c.name || ')' AS label
FROM groups g
JOIN cohorts c USING (cohort_id)
WHERE len($ids) = 0 OR list_contains($ids, g.group_id)
