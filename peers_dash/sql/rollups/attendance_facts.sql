-- attendance_facts: every attendance record with its session's dimensions (the view attendance_facts_live,
-- sql/schema/views.sql, materialised), sorted so that filters on year and program skip blocks. The pre-computed
-- tables (sql/rollups/) are rebuilt by the writer at the end of every write (demo build, import, undo,
-- migration: peers_dash.store.db.refresh_rollups), so they always match the tables they come from.
-- $all: true rebuilds every row; false only the rows of the sessions in scope_sessions (scope.sql).
-- The table takes the view's columns when it is first made: a migration that changes them drops it.
CREATE TABLE IF NOT EXISTS attendance_facts AS
SELECT * FROM attendance_facts_live LIMIT 0;

DELETE FROM attendance_facts
WHERE $all OR session_id IN (SELECT session_id FROM scope_sessions);

INSERT INTO attendance_facts
SELECT * FROM attendance_facts_live
WHERE $all OR session_id IN (SELECT session_id FROM scope_sessions)
ORDER BY ay, program_id, cohort_id, group_id;
