-- The survey measures with published results per kind of wave (questions and instrument scores), so that the
-- pages' pickers need not scan the published answers.
CREATE OR REPLACE TABLE pub_measure_list AS
SELECT DISTINCT wave_kind, 'item' AS kind, item_id AS id FROM pub_answers
UNION
SELECT DISTINCT wave_kind, 'score', instrument_id FROM pub_scores;
