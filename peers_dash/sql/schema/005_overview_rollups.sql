-- Schema version 5: two more pre-computed tables (group_year, completeness_facts: sql/rollups/), built by
-- the writer at the end of this migration.
SELECT 1;
