-- The rows of a Zoom or Teams report (temp table meeting_rows, one per person, matched in Python) as the
-- temp table located that sign-in sheets fill too: every row ok.
CREATE OR REPLACE TEMP TABLE located AS
SELECT CAST(NULL AS BIGINT) AS _row, '' AS _file, '' AS person, '' AS "group", '' AS session_date,
       session_id, participant_id, status, CAST(round(minutes) AS INTEGER) AS minutes, true AS ok
FROM meeting_rows;
