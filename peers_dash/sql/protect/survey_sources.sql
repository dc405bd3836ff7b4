-- The sources of the survey families (survey_atoms.sql). 'answer' takes the answers to questions that are not
-- part of a scored instrument; 'score' takes the totals of complete answers to a scored instrument (every
-- scale item answered). A scored instrument's questions are published only through its total: answer counts
-- per question, counting also those who skipped one, minus the totals would give the skippers' part-scores.
CREATE OR REPLACE TEMP TABLE item_answers AS
SELECT * FROM answer_rollup
WHERE instrument_id NOT IN (SELECT instrument_id FROM instruments WHERE scored);

CREATE OR REPLACE TEMP TABLE complete_scores AS
SELECT s.*
FROM score_rollup s
JOIN (SELECT instrument_id, count(*) AS n_scale FROM items WHERE response_type = 'scale' GROUP BY ALL) i
  ON i.instrument_id = s.instrument_id AND i.n_scale = s.n_items;
