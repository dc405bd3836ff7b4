-- group_year: sessions and attendance records per group, academic year and format, from attendance_facts (raw:
-- what protection leaves out is measured against it), additive across groups.
-- $all: true rebuilds every row; false only the group-years in scope_group_years (scope.sql), whole.
CREATE TABLE IF NOT EXISTS group_year (
    institution_id INTEGER,
    program_id     INTEGER,
    program_kind   VARCHAR,
    cohort_id      INTEGER,
    group_id       INTEGER,
    ay             INTEGER,
    class_year     VARCHAR,
    modality       VARCHAR,
    n_sessions     BIGINT,
    n_rows         BIGINT
);

DELETE FROM group_year
WHERE $all OR (group_id, ay) IN (SELECT group_id, ay FROM scope_group_years);

INSERT INTO group_year
SELECT institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year, modality,
       count(DISTINCT session_id) AS n_sessions, count(*) AS n_rows
FROM attendance_facts
WHERE $all OR (group_id, ay) IN (SELECT group_id, ay FROM scope_group_years)
GROUP BY ALL;
