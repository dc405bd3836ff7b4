-- The id of the survey wave of a kind, academic year and session number, if the database has it.
-- $kind: 'annual' or 'post_session'; $year: the academic year's start; $session_number: its session (0: none).
SELECT wave_id
FROM survey_waves
WHERE kind = $kind AND academic_year = $year AND coalesce(session_number, 0) = $session_number;
