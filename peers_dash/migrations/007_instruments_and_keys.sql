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
