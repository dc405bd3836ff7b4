-- A survey file's responses (the registered frame rows), and the place each is first counted in
-- (response_place), kept for good: a response exported again, in the same program or from a file of the same
-- name, is placed where it was first seen (first_places.sql).
INSERT INTO responses (response_id, wave_id, program_id, cohort_id, class_year, attendance_band, source, response_key)
SELECT response_id, wave_id, program_id, cohort_id, class_year, attendance_band, source, response_key FROM rows;
INSERT INTO response_place
SELECT wave_name, response_key, source, program_id, cohort_id, class_year, attendance_band
FROM rows r
WHERE NOT EXISTS (SELECT 1 FROM response_place p
                  WHERE p.wave_name = r.wave_name AND p.response_key = r.response_key
                    AND (p.program_id = r.program_id OR p.source = r.source));
