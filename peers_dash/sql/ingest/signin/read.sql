-- The fast path for big, clean sign-in CSVs (peers_dash.ingest.fast_signin): the file read in bulk into the
-- temp table incoming_raw, every value text, trimmed, statuses lower-cased. The file's own column names never
-- reach SQL text: read_csv renames them c_<canonical> through $types.
-- $path: the file to read; $delim: its delimiter; $types: {c_<canonical column>: 'VARCHAR'}, in the file's order.
CREATE OR REPLACE TEMP TABLE incoming_raw AS
SELECT trim(coalesce(c_program, '')) AS program, trim(coalesce(c_cohort, '')) AS cohort,
       trim(coalesce(c_group, '')) AS "group", trim(coalesce(c_date, '')) AS date,
       trim(coalesce(c_session_number, '')) AS session_number, trim(coalesce(c_person, '')) AS person,
       lower(trim(coalesce(c_status, ''))) AS status, trim(coalesce(c_minutes, '')) AS minutes
FROM read_csv($path, all_varchar = true, header = true, delim = $delim, quote = '"', escape = '"',
              strict_mode = true, null_padding = false, auto_detect = false, columns = $types);
