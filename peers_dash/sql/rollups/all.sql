-- Pre-computed tables the dashboard reads, rebuilt by the writer at the end of every write (demo build,
-- import, undo, migration), so they always match the tables they come from. All are exact: counts of
-- distinct people come from person-level rows, and the survey rollups count answers, one per respondent
-- and question, so their sums are respondents.

-- Every attendance record with its dimensions, sorted so that filters on year and program skip blocks.
CREATE OR REPLACE TABLE attendance_facts AS
SELECT * FROM attendance_facts_live ORDER BY ay, program_id, cohort_id, group_id;

-- One row per person, group and academic year: what most attendance views need, about ten times smaller.
CREATE OR REPLACE TABLE person_year AS
SELECT institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year, participant_id,
       count(*) FILTER (WHERE status = 'present') AS n_present,
       count(*) FILTER (WHERE status = 'absent') AS n_absent,
       count(*) FILTER (WHERE status = 'excused') AS n_excused,
       count(*) AS n_rows
FROM attendance_facts
GROUP BY ALL
ORDER BY ay, program_id, cohort_id;

-- Answers counted per cell and answer value.
CREATE OR REPLACE TABLE answer_rollup AS
SELECT wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind, cohort_id, class_year,
       attendance_band, item_id, instrument_id, value, favorable, count(*) AS n
FROM answer_facts
WHERE value IS NOT NULL
GROUP BY ALL
ORDER BY ay, program_id;

-- Scores of scored instruments per response, counted per cell and score. A response has a score only when it
-- is complete: every item of the instrument answered (the score is their sum, or their mean, as the instrument
-- says, reversed items flipped), or a total the survey tool computed given (is_total). Means are kept to 4
-- decimals so that equal scores count together.
CREATE OR REPLACE TABLE score_rollup AS
WITH per_response AS (
    SELECT wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind, cohort_id,
           class_year, attendance_band, instrument_id, response_id,
           max(value) FILTER (WHERE is_total) AS given,
           sum(scored_value) FILTER (WHERE NOT is_total) AS item_sum,
           count(*) FILTER (WHERE NOT is_total) AS n_items
    FROM answer_facts
    WHERE value IS NOT NULL AND instrument_id IN (SELECT instrument_id FROM instruments WHERE scored)
    GROUP BY ALL
),
scored AS (
    SELECT r.*, CASE WHEN r.given IS NOT NULL THEN r.given
                     WHEN i.scoring = 'mean' THEN round(r.item_sum / r.n_items, 4)
                     ELSE r.item_sum END AS score
    FROM per_response r
    JOIN instruments i ON i.instrument_id = r.instrument_id
    LEFT JOIN (SELECT instrument_id, count(*) AS n_scale FROM items WHERE response_type = 'scale' AND NOT is_total
               GROUP BY ALL) n ON n.instrument_id = r.instrument_id
    WHERE r.given IS NOT NULL OR r.n_items = n.n_scale
)
SELECT wave_id, wave_kind, ay, session_number, topic, institution_id, program_id, program_kind, cohort_id,
       class_year, attendance_band, instrument_id, score, count(*) AS n
FROM scored
GROUP BY ALL;

-- Respondents per cell (each response sits in one cell).
CREATE OR REPLACE TABLE response_rollup AS
SELECT wave_id, wave_kind, ay, institution_id, program_id, cohort_id, class_year, count(*) AS n
FROM response_facts
GROUP BY ALL;

-- Sessions and attendance records per group, academic year and format (raw: what protection leaves out is
-- measured against it), additive across groups.
CREATE OR REPLACE TABLE group_year AS
SELECT institution_id, program_id, program_kind, cohort_id, group_id, ay, class_year, modality,
       count(DISTINCT session_id) AS n_sessions, count(*) AS n_rows
FROM attendance_facts
GROUP BY ALL;
