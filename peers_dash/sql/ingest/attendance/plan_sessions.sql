-- The sessions a sign-in sheet needs and the database lacks (a known group, a date, no session that day):
-- the temp table planned_sessions, numbered from the sheet or by date after the group's earlier sessions,
-- with the topic the program's other groups give that number (else 'Session N'), ids after the last.
CREATE OR REPLACE TEMP TABLE planned_sessions AS
WITH wanted AS (
    SELECT group_id, TRY_CAST(date AS DATE) AS session_date,
           max(TRY_CAST(nullif(session_number, '') AS INTEGER)) AS given
    FROM located
    WHERE group_id IS NOT NULL AND session_id IS NULL AND TRY_CAST(date AS DATE) IS NOT NULL
    GROUP BY ALL),
numbered AS (
    SELECT w.group_id, w.session_date,
           coalesce(w.given, (SELECT count(*) FROM sessions s WHERE s.group_id = w.group_id
                                                               AND s.session_date < w.session_date)
                             + row_number() OVER (PARTITION BY w.group_id ORDER BY w.session_date)) AS n
    FROM wanted w)
SELECT (SELECT coalesce(max(session_id), 0) FROM sessions)
           + row_number() OVER (ORDER BY n.group_id, n.session_date) AS session_id,
       n.group_id, n.n AS session_number, n.session_date,
       coalesce((SELECT mode(t.topic) FROM sessions t JOIN groups tg USING (group_id)
                 JOIN cohorts tc ON tc.cohort_id = tg.cohort_id
                 WHERE t.session_number = n.n AND tc.program_id = c.program_id),
                'Session ' || n.n) AS topic
FROM numbered n JOIN groups g USING (group_id) JOIN cohorts c ON c.cohort_id = g.cohort_id;
