-- Scale totals of complete answers only (every scale item of the instrument answered): the source of the
-- 'score' family (survey_atoms.sql).
CREATE OR REPLACE TEMP TABLE complete_scores AS
SELECT s.*
FROM score_rollup s
JOIN (SELECT instrument_id, count(*) AS n_scale FROM items WHERE response_type = 'scale' GROUP BY ALL) i
  ON i.instrument_id = s.instrument_id AND i.n_scale = s.n_items;
