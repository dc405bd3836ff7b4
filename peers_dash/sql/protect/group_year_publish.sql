-- The published group-years in scope, with their dimensions.
DELETE FROM pub_group_years WHERE cell IN (SELECT cell FROM scope);

INSERT INTO pub_group_years
WITH content AS (
    SELECT cell, token, n FROM pub_content WHERE family = 'group_year' AND cell IN (SELECT cell FROM scope)
),
dims AS (
    SELECT DISTINCT cell, group_id, institution_id, program_id, program_kind, cohort_id, ay, class_year, first_ay,
           starter
    FROM cand
)
SELECT d.cell, d.group_id, d.institution_id, d.program_id, d.program_kind, d.cohort_id, d.ay, d.class_year,
       d.first_ay, d.starter, 1, sum(c.n), coalesce(sum(c.n) FILTER (WHERE c.token = 'reached'), 0)
FROM content c JOIN dims d ON d.cell = c.cell
GROUP BY ALL;
