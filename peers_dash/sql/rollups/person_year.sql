-- person_year: one row per person, group and academic year, from attendance_facts: what most attendance views
-- need, about ten times smaller. Exact: counts of distinct people come from these person-level rows.
-- $all: true rebuilds every row; false only the group-years in scope_group_years (scope.sql), whole.
CREATE TABLE IF NOT EXISTS person_year (
    institution_id INTEGER,
    program_id     INTEGER,
    program_kind   VARCHAR,
    cohort_id      INTEGER,
    group_id       INTEGER,
    ay             INTEGER,
    class_year     VARCHAR,
    participant_id INTEGER,
    n_present      BIGINT,
    n_absent       BIGINT,
    n_excused      BIGINT,
    n_rows         BIGINT
);

DELETE FROM person_year
WHERE $all OR (group_id, ay) IN (SELECT group_id, ay FROM scope_group_years);

INSERT INTO person_year
SELECT institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year, participant_id,
       count(*) FILTER (WHERE status = 'present') AS n_present,
       count(*) FILTER (WHERE status = 'absent') AS n_absent,
       count(*) FILTER (WHERE status = 'excused') AS n_excused,
       count(*) AS n_rows
FROM attendance_facts
WHERE $all OR (group_id, ay) IN (SELECT group_id, ay FROM scope_group_years)
GROUP BY ALL
ORDER BY ay, program_id, cohort_id;
