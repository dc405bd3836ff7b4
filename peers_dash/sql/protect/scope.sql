-- What a full refresh decides again: every session and group-year with attendance now or published before (a
-- cell whose data is gone must leave the published tables too). The temp tables scope_sessions(session_id)
-- and scope_group_years(group_id, ay) replace those sql/rollups/scope.sql made, which hold only the changed
-- sessions' cells when an attendance import changed nothing else (and then this file is not run).
CREATE OR REPLACE TEMP TABLE scope_sessions AS
SELECT session_id FROM attendance_facts UNION SELECT session_id FROM pub_sessions;

CREATE OR REPLACE TEMP TABLE scope_group_years AS
SELECT group_id, ay FROM attendance_facts UNION SELECT group_id, ay FROM pub_group_years;
