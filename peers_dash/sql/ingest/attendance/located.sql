-- The rows of a sign-in sheet (temp table incoming) with their group (group_map), session and person
-- (person_map) found, or not: the temp table located. A row names its session by date, or by number when
-- the group has one session of that number; `ok` rows (session and person found) are written.
CREATE OR REPLACE TEMP TABLE located AS
WITH numbered AS (
    SELECT group_id, session_number, any_value(session_id) AS session_id, count(*) AS n
    FROM sessions GROUP BY ALL)
SELECT i._row, i._file, i.program, i.cohort, i."group", i.date, i.session_number, i.person, i.status,
       TRY_CAST(nullif(i.minutes, '') AS INTEGER) AS minutes, gm.group_id,
       coalesce(s.session_id, CASE WHEN nb.n = 1 THEN nb.session_id END) AS session_id,
       coalesce(s.session_number, nb.session_number) AS db_number,
       coalesce(CAST(s.session_date AS VARCHAR), i.date) AS session_date,
       p.participant_id,
       coalesce(s.session_id, CASE WHEN nb.n = 1 THEN nb.session_id END) IS NOT NULL
           AND p.participant_id IS NOT NULL AS ok
FROM incoming i
LEFT JOIN group_map gm ON gm.program = i.program AND gm.cohort = i.cohort AND gm."group" = i."group"
LEFT JOIN sessions s ON i.date <> '' AND s.group_id = gm.group_id AND s.session_date = TRY_CAST(i.date AS DATE)
LEFT JOIN numbered nb ON i.date = '' AND nb.group_id = gm.group_id
     AND nb.session_number = TRY_CAST(i.session_number AS INTEGER)
LEFT JOIN person_map p ON p.person = i.person;
