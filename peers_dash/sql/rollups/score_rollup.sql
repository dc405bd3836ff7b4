-- score_rollup: scores of scored instruments per response, counted per cell and score. A response has a score
-- only when it is complete: every item of the instrument answered (the score is their sum, or their mean, as
-- the instrument says, reversed items flipped), or a total the survey tool computed given (is_total). Means are
-- kept to 4 decimals so that equal scores count together. Rebuilt whole by a full refresh only.
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
