-- The consortium's answer (or score) cells, as consortium_attendance.sql does for attendance: {source}
-- (pub_answers or pub_scores) added up across institutions into {table}, n_inst counted per question (or
-- instrument, {measure}) and cell, not per answer value ({value}), so a figure never keeps some answers of a cell
-- and drops others. Code constants only.
CREATE OR REPLACE TABLE {table} AS
SELECT wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band, {measure}, {value},
       sum(n) AS n, min(n_inst) AS n_inst
FROM (SELECT *, count(DISTINCT institution_id) OVER (
                    PARTITION BY wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band,
                                 {measure}
                ) AS n_inst
      FROM {source})
GROUP BY wave_kind, ay, session_number, topic, program_kind, class_year, attendance_band, {measure}, {value};
