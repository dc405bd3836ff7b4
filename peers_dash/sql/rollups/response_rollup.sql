-- response_rollup: respondents per cell (each response sits in one cell). Rebuilt whole by a full refresh only.
CREATE OR REPLACE TABLE response_rollup AS
SELECT wave_id, wave_kind, ay, institution_id, program_id, cohort_id, class_year, count(*) AS n
FROM response_facts
GROUP BY ALL;
