-- answer_rollup: survey answers counted per cell and answer value, one per respondent and question, so its
-- sums are respondents. Rebuilt whole by a full refresh only: an attendance import changes no answer.
CREATE OR REPLACE TABLE answer_rollup AS
SELECT wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind, cohort_id, class_year,
       attendance_band, item_id, instrument_id, value, favorable, count(*) AS n
FROM answer_facts
WHERE value IS NOT NULL
GROUP BY ALL
ORDER BY ay, program_id;
