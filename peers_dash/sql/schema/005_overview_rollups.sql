-- Schema version 5: two more pre-computed tables (group_year, completeness_facts in rollups.sql), built by
-- the writer at the end of this migration.
SELECT 1;
