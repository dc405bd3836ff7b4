-- Schema version 4: the dashboard reads pre-computed tables (sql/rollups/), rebuilt by the writer after
-- every write, instead of joining tens of millions of rows on each click. The old view gives way to the
-- table of the same name.
DROP VIEW IF EXISTS attendance_facts;
