-- Family 'group_year': the people of one group in one academic year, its starting members (those expected in
-- the group's first year) apart from later joiners. A person counts once; the token says whether they came
-- to at least one published session that year. Only published sessions are looked at, so nothing from a
-- session too small to publish gets in. A candidate has at least $min_n people.
-- Input (temp table): scope_group_years(group_id, ay). Output: temp tables cand(cell, token, n),
-- cand_dims(cell, dimensions) and scope(cell).
CREATE OR REPLACE TEMP TABLE gy_people AS
WITH f AS (
    SELECT f.group_id, f.ay, f.participant_id, f.status
    FROM attendance_facts f
    SEMI JOIN scope_group_years s ON s.group_id = f.group_id AND s.ay = f.ay
    SEMI JOIN (SELECT CAST(cell AS BIGINT) AS session_id FROM pub_state WHERE family = 'session') p
         ON p.session_id = f.session_id
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
)
SELECT p.group_id, p.ay, p.participant_id, s.participant_id IS NOT NULL AS starter, p.reached
FROM (SELECT group_id, ay, participant_id, bool_or(status = 'present') AS reached FROM f GROUP BY ALL) p
LEFT JOIN starters s ON s.group_id = p.group_id AND s.participant_id = p.participant_id;

CREATE OR REPLACE TEMP TABLE cand AS
WITH cells AS (
    SELECT group_id, ay, starter, count(*) FILTER (WHERE reached) AS reached,
           count(*) FILTER (WHERE NOT reached) AS not_reached
    FROM gy_people
    GROUP BY ALL
    HAVING count(*) >= $min_n
)
SELECT concat_ws('|', group_id, ay, CASE WHEN starter THEN 'starter' ELSE 'joiner' END) AS cell, token, n
FROM cells UNPIVOT (n FOR token IN (reached, not_reached))
WHERE n > 0;

CREATE OR REPLACE TEMP TABLE cand_dims AS
WITH first_year AS (
    SELECT group_id, min(ay) AS first_ay FROM attendance_facts
    WHERE group_id IN (SELECT group_id FROM scope_group_years) GROUP BY group_id
),
dims AS (
    SELECT DISTINCT group_id, ay, institution_id, program_id, program_kind, cohort_id, class_year
    FROM session_dims WHERE group_id IN (SELECT group_id FROM scope_group_years)
)
SELECT c.cell, d.group_id, d.institution_id, d.program_id, d.program_kind, d.cohort_id, d.ay, d.class_year,
       y.first_ay, k.starter
FROM (SELECT DISTINCT cell FROM cand) c
JOIN (SELECT DISTINCT group_id, ay, starter,
             concat_ws('|', group_id, ay, CASE WHEN starter THEN 'starter' ELSE 'joiner' END) AS cell
      FROM gy_people) k ON k.cell = c.cell
JOIN dims d ON d.group_id = k.group_id AND d.ay = k.ay
JOIN first_year y ON y.group_id = k.group_id;

CREATE OR REPLACE TEMP TABLE scope AS
SELECT concat_ws('|', group_id, ay, kind) AS cell
FROM scope_group_years, (VALUES ('starter'), ('joiner')) k(kind);
