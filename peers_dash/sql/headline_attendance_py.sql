-- The home page's attendance figures for two academic years, from the rollups.
WITH people AS (
    SELECT ay,
           count(DISTINCT participant_id) AS n_people,
           sum(n_present) AS n_present,
           sum(n_absent) AS n_absent,
           sum(n_excused) AS n_excused
    FROM person_year
    WHERE {where} AND list_contains($years, ay)
    GROUP BY ALL
),
meetings AS (
    SELECT ay, count(DISTINCT group_id) AS n_groups, sum(n_sessions) AS n_sessions
    FROM group_year
    WHERE {where} AND list_contains($years, ay)
    GROUP BY ALL
)
SELECT {dims} p.ay, p.n_people, m.n_groups, m.n_sessions, p.n_present, p.n_absent, p.n_excused
FROM people p JOIN meetings m USING (ay)
