-- The label of each cohort: its name, with its institution's after it where another institution has a cohort
-- of the same name ('MD Class of 2028 · Riverside').
-- $ids: the cohort ids wanted (empty: all).
SELECT id, label FROM (
    SELECT c.cohort_id AS id,
           CASE WHEN count(*) OVER (PARTITION BY c.name) > 1 THEN c.name || ' · ' || i.name ELSE c.name END AS label
    FROM cohorts c JOIN programs p ON p.program_id = c.program_id
    JOIN institutions i ON i.institution_id = p.institution_id)
WHERE len($ids) = 0 OR list_contains($ids, id)
