-- Schema version 9: the labels of programs and cohorts are pre-computed (dim_labels: sql/rollups/
-- dim_labels.sql), built by the writer at the end of this migration.
SELECT 1;
