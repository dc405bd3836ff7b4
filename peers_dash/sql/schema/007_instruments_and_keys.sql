-- Schema version 7: the instrument library and re-import keys (issue 10).
-- An instrument says how its score is made ('sum' or 'mean' of its items, reversed items flipped) and, where
-- one is published, the cut-off that flags a score (cutoff_op is the flagged side: '>=', '>', '<=' or '<').
ALTER TABLE instruments ADD COLUMN IF NOT EXISTS scoring VARCHAR DEFAULT 'sum';
ALTER TABLE instruments ADD COLUMN IF NOT EXISTS cutoff DOUBLE;
ALTER TABLE instruments ADD COLUMN IF NOT EXISTS cutoff_op VARCHAR;
ALTER TABLE instruments ADD COLUMN IF NOT EXISTS cutoff_label VARCHAR;
ALTER TABLE instruments ADD COLUMN IF NOT EXISTS source VARCHAR;
ALTER TABLE instruments ADD COLUMN IF NOT EXISTS short_name VARCHAR;

-- A total the survey tool computed (a Maslach subscale, a PHQ-9 total): the instrument's score as given.
ALTER TABLE items ADD COLUMN IF NOT EXISTS is_total BOOLEAN DEFAULT false;

-- A keyed digest of the export's own response id (or, without one, of the response's content), so that the
-- same responses exported again under another file name replace their earlier rows rather than add to them.
ALTER TABLE responses ADD COLUMN IF NOT EXISTS response_key VARCHAR;

-- Where each response was first placed: its wave (by name), key and file, and the program, cohort, class year and
-- attendance band it was first counted in. A response imported again keeps this place, even after an undo (the
-- writer carries this table over like pub_hist): people moving between cells from one data version to the next
-- would let the difference of two versions single them out (docs/PRIVACY.md).
CREATE TABLE IF NOT EXISTS response_place (
    wave_name       VARCHAR NOT NULL,
    response_key    VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    program_id      INTEGER NOT NULL,
    cohort_id       INTEGER,
    class_year      VARCHAR,
    attendance_band VARCHAR
);

-- The survey measures with published results (rebuilt by sql/protect/measure_list.sql after every survey write).
CREATE TABLE IF NOT EXISTS pub_measure_list AS
SELECT DISTINCT wave_kind, 'item' AS kind, item_id AS id FROM pub_answers
UNION
SELECT DISTINCT wave_kind, 'score', instrument_id FROM pub_scores;
