-- The sources of the survey families (survey_atoms.sql). 'answer' takes the answers to questions that are not
-- part of a scored instrument; 'score' takes the scores of complete answers to a scored instrument. A scored
-- instrument's questions are published only through its score: answer counts per question, counting also those
-- who skipped one, minus the scores would give the skippers' part-scores.
CREATE OR REPLACE TEMP TABLE item_answers AS
SELECT * FROM answer_rollup
WHERE instrument_id NOT IN (SELECT instrument_id FROM instruments WHERE scored);

-- score_rollup holds complete responses only (sql/rollups/score_rollup.sql).
CREATE OR REPLACE TEMP TABLE complete_scores AS
SELECT * FROM score_rollup;
