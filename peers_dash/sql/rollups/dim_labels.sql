-- dim_labels: the one name of every program and cohort, as charts, clicks, the sidebar and CSVs show it (its
-- name, with its institution's after it where another institution has one of the same name: 'Internal
-- Medicine · Riverside'), rebuilt whole after every write, so that naming a page's ids is a lookup, not a window
-- over every program.
CREATE OR REPLACE TABLE dim_labels AS
SELECT 'program' AS dim, p.program_id AS id,
       CASE WHEN count(*) OVER (PARTITION BY p.name) > 1 THEN p.name || ' · ' || i.name ELSE p.name END AS label
FROM programs p JOIN institutions i ON i.institution_id = p.institution_id
UNION ALL
SELECT 'cohort', c.cohort_id,
       CASE WHEN count(*) OVER (PARTITION BY c.name) > 1 THEN c.name || ' · ' || i.name ELSE c.name END
FROM cohorts c JOIN programs p ON p.program_id = c.program_id
JOIN institutions i ON i.institution_id = p.institution_id
ORDER BY 1, 2;
