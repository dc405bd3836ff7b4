-- What every role sees of attendance: published sessions and group-years added up so that no cell covers a
-- single group. Sessions are added up per cohort, academic year, session number, topic and format; where that
-- leaves one group alone, its sessions join its program's cell of that year and format (cohort, class year,
-- session and topic unknown there); a program cell of one group is left out. People are added up per cohort
-- and year the same way. Both tables are sums of published cells only, rebuilt after every write.
CREATE OR REPLACE TABLE pub_att_cells AS
WITH fine AS (
    SELECT cohort_id, ay, session_number, topic, modality, count(DISTINCT group_id) AS groups_in_cell
    FROM pub_sessions
    GROUP BY ALL
),
tagged AS (
    SELECT s.*, f.groups_in_cell >= 2 AS alone_ok
    FROM pub_sessions s JOIN fine f USING (cohort_id, ay, session_number, topic, modality)
),
combined AS (
    SELECT program_id, ay, modality FROM tagged WHERE NOT alone_ok
    GROUP BY ALL HAVING count(DISTINCT group_id) >= 2
)
SELECT institution_id, program_id, program_kind, cohort_id, class_year, ay, session_number, topic, modality,
       count(DISTINCT group_id) AS n_groups, count(*) AS n_sessions,
       sum(n_present) AS n_present, sum(n_absent) AS n_absent, sum(n_excused) AS n_excused
FROM tagged WHERE alone_ok
GROUP BY ALL
UNION ALL
SELECT t.institution_id, t.program_id, t.program_kind, NULL, NULL, t.ay, NULL, NULL, t.modality,
       count(DISTINCT t.group_id), count(*), sum(t.n_present), sum(t.n_absent), sum(t.n_excused)
FROM tagged t JOIN combined c ON c.program_id = t.program_id AND c.ay = t.ay AND c.modality = t.modality
WHERE NOT t.alone_ok
GROUP BY ALL
ORDER BY institution_id, ay, program_id;  -- kept together: a school's view skips the others' rows

CREATE OR REPLACE TABLE pub_att_people AS
WITH per_cohort AS (
    SELECT cohort_id, ay, count(DISTINCT group_id) AS groups_in_cell FROM pub_group_years GROUP BY ALL
),
tagged AS (
    SELECT g.*, c.groups_in_cell >= 2 AS alone_ok
    FROM pub_group_years g JOIN per_cohort c USING (cohort_id, ay)
),
combined AS (
    SELECT program_id, ay FROM tagged WHERE NOT alone_ok GROUP BY ALL HAVING count(DISTINCT group_id) >= 2
)
SELECT institution_id, program_id, program_kind, cohort_id, class_year, ay,
       count(DISTINCT group_id) AS n_groups, sum(n_people) AS n_people, sum(n_reached) AS n_reached
FROM tagged WHERE alone_ok
GROUP BY ALL
UNION ALL
SELECT t.institution_id, t.program_id, t.program_kind, NULL, NULL, t.ay,
       count(DISTINCT t.group_id), sum(t.n_people), sum(t.n_reached)
FROM tagged t JOIN combined c ON c.program_id = t.program_id AND c.ay = t.ay
WHERE NOT t.alone_ok
GROUP BY ALL
ORDER BY institution_id, ay, program_id;
