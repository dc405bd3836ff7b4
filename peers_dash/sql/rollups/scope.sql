-- The sessions and group-years a refresh of the attendance rollups rebuilds when only some sessions'
-- attendance changed (an attendance import): the temp tables scope_sessions(session_id) and
-- scope_group_years(group_id, ay: the cells of person_year and group_year those sessions belong to), read by
-- attendance_facts.sql, person_year.sql and group_year.sql, and then by the protection step
-- (sql/protect/session_candidates.sql, group_year_candidates.sql).
-- $sessions: the ids of the sessions whose attendance changed; empty when everything is rebuilt (the rollups
-- then read $all, and sql/protect/scope.sql puts every cell in scope once they are built).
CREATE OR REPLACE TEMP TABLE scope_sessions AS
SELECT DISTINCT unnest(CAST($sessions AS BIGINT[])) AS session_id;

CREATE OR REPLACE TEMP TABLE scope_group_years AS
SELECT DISTINCT s.group_id, ay_start(s.session_date) AS ay
FROM sessions s
WHERE s.session_id IN (SELECT session_id FROM scope_sessions);
