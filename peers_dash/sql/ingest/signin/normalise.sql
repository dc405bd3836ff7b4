-- A clean sheet's rows (incoming_raw) as the temp view incoming the sign-in import reads: statuses by
-- their meaning (status_map), e-mails lower-cased, the file's name (incoming_file) and each row's line in
-- the file. rowid follows the file's order (insertion order is preserved), so a row's number is rowid + 2
-- (header = 1). A view cannot hold bound parameters: values.sql puts them in the two small temp tables.
CREATE OR REPLACE TEMP VIEW incoming AS
SELECT r.program, r.cohort, r."group", r.date, r.session_number,
       CASE WHEN contains(r.person, '@') THEN lower(r.person) ELSE r.person END AS person,
       m.value AS status, r.minutes, f.name AS _file, CAST(r.rowid + 2 AS BIGINT) AS _row
FROM incoming_raw r
JOIN status_map m ON m.spelling = r.status
CROSS JOIN incoming_file f;
