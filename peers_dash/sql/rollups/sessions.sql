-- Incremental refresh after an attendance import: only the sessions in the temp table changed_sessions,
-- and the person-year and group-year cells they belong to, are rebuilt (rollups.sql rebuilds everything).
DELETE FROM attendance_facts WHERE session_id IN (SELECT session_id FROM changed_sessions);
INSERT INTO attendance_facts
SELECT * FROM attendance_facts_live WHERE session_id IN (SELECT session_id FROM changed_sessions);
CREATE OR REPLACE TEMP TABLE changed_cells AS
SELECT DISTINCT s.group_id, ay_start(s.session_date) AS ay
FROM sessions s WHERE s.session_id IN (SELECT session_id FROM changed_sessions);
DELETE FROM person_year p USING changed_cells c WHERE p.group_id = c.group_id AND p.ay = c.ay;
INSERT INTO person_year
SELECT f.institution_id, f.program_id, f.program_kind, f.cohort_id, f.group_id, f.ay, f.class_year, f.participant_id,
       count(*) FILTER (WHERE f.status = 'present'), count(*) FILTER (WHERE f.status = 'absent'),
       count(*) FILTER (WHERE f.status = 'excused'), count(*)
FROM attendance_facts f JOIN changed_cells c ON c.group_id = f.group_id AND c.ay = f.ay
GROUP BY ALL;
DELETE FROM group_year g USING changed_cells c WHERE g.group_id = c.group_id AND g.ay = c.ay;
INSERT INTO group_year
SELECT f.institution_id, f.program_id, f.program_kind, f.cohort_id, f.group_id, f.ay, f.class_year, f.modality,
       count(DISTINCT f.session_id), count(*)
FROM attendance_facts f JOIN changed_cells c ON c.group_id = f.group_id AND c.ay = f.ay
GROUP BY ALL;
