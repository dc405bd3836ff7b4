-- The published group-years: rewritten only for the cells whose content or dimensions changed in this write.
CREATE OR REPLACE TEMP TABLE p_scope AS
SELECT cell FROM v_decision
UNION
SELECT cell FROM (
    SELECT cell, group_id, institution_id, program_id, program_kind, cohort_id, ay, class_year, first_ay, starter
    FROM cand_dims
    EXCEPT
    SELECT cell, group_id, institution_id, program_id, program_kind, cohort_id, ay, class_year, first_ay, starter
    FROM pub_group_years
    WHERE cell IN (SELECT cell FROM scope)
);

DELETE FROM pub_group_years WHERE cell IN (SELECT cell FROM p_scope);

INSERT INTO pub_group_years
WITH content AS (
    SELECT cell, token, n FROM pub_content WHERE family = 'group_year' AND cell IN (SELECT cell FROM p_scope)
)
SELECT d.cell, d.group_id, d.institution_id, d.program_id, d.program_kind, d.cohort_id, d.ay, d.class_year,
       d.first_ay, d.starter, 1, sum(c.n), coalesce(sum(c.n) FILTER (WHERE c.token = 'reached'), 0)
FROM content c JOIN cand_dims d ON d.cell = c.cell
GROUP BY ALL;
