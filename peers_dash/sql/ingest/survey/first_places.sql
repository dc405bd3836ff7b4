-- Where responses of a wave were first placed (response_place): program, cohort, class year and
-- attendance band, with the file they came from, for those of the given keys.
-- $wave_name: the wave's name; $keys: the responses' keys.
SELECT response_key, source, program_id, cohort_id, class_year, attendance_band
FROM response_place
WHERE wave_name = $wave_name AND list_contains($keys, response_key);
