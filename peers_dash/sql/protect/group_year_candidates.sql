-- Family 'group_year': the people of one group in one academic year, its starting members (those expected in
-- the group's first year) apart from later joiners. A person counts once; the token says whether they came
-- to at least one published session that year. Only published sessions are looked at, so nothing from a
-- session too small to publish gets in. A candidate has at least $min_n people.
-- Input (temp table): scope_group_years(group_id, ay). Output: temp tables cand and scope.
CREATE OR REPLACE TEMP TABLE cand AS
WITH published AS (
    SELECT CAST(cell AS BIGINT) AS session_id FROM pub_state WHERE family = 'session'
),
f AS (
    SELECT f.*
    FROM attendance_facts f
    JOIN scope_group_years s ON s.group_id = f.group_id AND s.ay = f.ay
    WHERE f.session_id IN (SELECT session_id FROM published)
),
first_year AS (
    SELECT group_id, min(ay) AS first_ay
    FROM attendance_facts
    WHERE group_id IN (SELECT group_id FROM scope_group_years)
    GROUP BY group_id
),
starters AS (
    SELECT DISTINCT a.group_id, a.participant_id
    FROM attendance_facts a JOIN first_year y ON y.group_id = a.group_id AND y.first_ay = a.ay
),
people AS (
    SELECT f.group_id, f.ay, f.participant_id, s.participant_id IS NOT NULL AS starter,
           bool_or(f.status = 'present') AS reached
    FROM f LEFT JOIN starters s ON s.group_id = f.group_id AND s.participant_id = f.participant_id
    GROUP BY ALL
),
dims AS (
    SELECT DISTINCT f.group_id, f.ay, f.institution_id, f.program_id, f.program_kind, f.cohort_id, f.class_year,
           y.first_ay
    FROM f JOIN first_year y ON y.group_id = f.group_id
),
big AS (
    SELECT group_id, ay, starter FROM people GROUP BY ALL HAVING count(*) >= $min_n
)
SELECT concat_ws('|', p.group_id, p.ay, CASE WHEN p.starter THEN 'starter' ELSE 'joiner' END) AS cell,
       CASE WHEN p.reached THEN 'reached' ELSE 'not reached' END AS token,
       count(*) AS n,
       p.group_id, p.ay, p.starter, d.institution_id, d.program_id, d.program_kind, d.cohort_id, d.class_year,
       d.first_ay
FROM people p
JOIN big b ON b.group_id = p.group_id AND b.ay = p.ay AND b.starter = p.starter
JOIN dims d ON d.group_id = p.group_id AND d.ay = p.ay
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE scope AS
SELECT concat_ws('|', group_id, ay, kind) AS cell
FROM scope_group_years, (VALUES ('starter'), ('joiner')) k(kind);
