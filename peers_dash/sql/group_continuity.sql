-- Group continuity: of each group's starting members (those expected in its first academic year in
-- view), how many attended at least one session in each later year.
WITH f AS (
    SELECT * FROM attendance_facts WHERE {where}
),
first_year AS (
    SELECT group_id, min(ay) AS ay0 FROM f GROUP BY group_id
),
starters AS (
    SELECT DISTINCT f.group_id, f.participant_id, first_year.ay0
    FROM f JOIN first_year ON first_year.group_id = f.group_id AND f.ay = first_year.ay0
),
years AS (
    SELECT DISTINCT group_id, cohort_id, ay FROM f
),
came AS (
    SELECT DISTINCT f.group_id, f.ay, f.participant_id
    FROM f JOIN starters s ON s.group_id = f.group_id AND s.participant_id = f.participant_id
    WHERE f.status = 'present'
)
SELECT y.group_id,
       y.cohort_id,
       y.ay,
       y.ay - s.ay0 + 1 AS program_year,
       count(DISTINCT s.participant_id) AS n_people,
       count(DISTINCT c.participant_id) AS n_attending
FROM years y
JOIN starters s ON s.group_id = y.group_id
LEFT JOIN came c ON c.group_id = y.group_id AND c.ay = y.ay AND c.participant_id = s.participant_id
GROUP BY ALL
