-- The consortium's survey cells, as consortium_attendance.sql does for attendance: response counts, answers
-- and scores added up across institutions, n_inst counted per question (or instrument) and cell, not per
-- answer, so a figure never keeps some answers of a cell and drops others. A response rate counts only the
-- institutions whose eligible number is known (a school with none adds nothing to its denominator).
CREATE OR REPLACE TABLE cons_response_rates AS
SELECT wave_kind, ay, session_number, program_kind, class_year,
       count(DISTINCT institution_id) FILTER (WHERE n_eligible > 0) AS n_inst,
       sum(n_eligible) AS n_eligible, sum(n_responded) AS n_responded
FROM pub_response_rates
GROUP BY ALL;

CREATE OR REPLACE TABLE cons_answers AS
SELECT wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band, item_id, value,
       sum(n) AS n, min(n_inst) AS n_inst
FROM (SELECT *, count(DISTINCT institution_id) OVER (
                    PARTITION BY wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band,
                                 item_id
                ) AS n_inst
      FROM pub_answers)
GROUP BY wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band, item_id, value;

CREATE OR REPLACE TABLE cons_scores AS
SELECT wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band, instrument_id, score,
       sum(n) AS n, min(n_inst) AS n_inst
FROM (SELECT *, count(DISTINCT institution_id) OVER (
                    PARTITION BY wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band,
                                 instrument_id
                ) AS n_inst
      FROM pub_scores)
GROUP BY wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band, instrument_id, score;
