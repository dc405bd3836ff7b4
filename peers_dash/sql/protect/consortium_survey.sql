-- The consortium's response cells, as consortium_attendance.sql does for attendance (answers and scores:
-- consortium_answers.sql). A response rate counts only the institutions whose eligible number is known (a
-- school with none adds nothing to its denominator).
CREATE OR REPLACE TABLE cons_response_rates AS
SELECT wave_kind, ay, session_number, program_kind, class_year,
       count(DISTINCT institution_id) FILTER (WHERE n_eligible > 0) AS n_inst,
       sum(n_eligible) AS n_eligible, sum(n_responded) AS n_responded
FROM pub_response_rates
GROUP BY ALL;
