"""The SQL that generates the synthetic demo, one statement per step, run by peers_dash.demo.

Every random choice is `_u(key1, key2, 'purpose')`, a uniform number from hash(seed, keys, purpose), so a
seed gives the same rows whatever plan DuckDB picks. Values come in as `$name` parameters; helper tables
(prefixed `_`) are TEMP and vanish with the connection.
"""
from __future__ import annotations

MACROS = [
    "CREATE OR REPLACE TEMP MACRO _u(a, b, p) AS "
    "(hash(getvariable('demo_seed'), a, b, p) % 1000003) / 1000003.0",
    "CREATE OR REPLACE TEMP MACRO _pick(a, b, p, n) AS "
    "CAST(hash(getvariable('demo_seed'), a, b, p) % n AS INTEGER)",
    "CREATE OR REPLACE TEMP MACRO _clamp(x, lo, hi) AS least(hi, greatest(lo, x))",
]

HELPER_TABLES = [
    "CREATE TEMP TABLE _tmpl (t INTEGER, name VARCHAR, kind VARCHAR, years INTEGER, first_class_year INTEGER,"
    " size INTEGER, joined INTEGER)",
    "CREATE TEMP TABLE _sched (plan VARCHAR, n INTEGER, cy INTEGER, month INTEGER, topic VARCHAR)",
    "CREATE TEMP TABLE _it (item_id VARCHAR, wkind VARCHAR, model VARCHAR, pos INTEGER, shift DOUBLE,"
    " reverse BOOLEAN)",
]

INSTITUTIONS = """
INSERT INTO institutions
SELECT i, CASE WHEN i = 1 THEN $school
               ELSE ($places::VARCHAR[])[((i - 1) % len($places::VARCHAR[])) + 1] || ' '
                    || ($suffixes::VARCHAR[])[((i - 1) // len($places::VARCHAR[])) % len($suffixes::VARCHAR[]) + 1]
          END
FROM range(1, $n_inst + 1) r(i)
"""

# Institution 1 is the canonical school; the others vary join years and class sizes by hash.
PROGRAMS = """
CREATE TEMP TABLE _prog AS
SELECT (i.institution_id - 1) * $n_prog + t.t AS program_id, i.institution_id, t.name, t.kind, t.years,
       t.first_class_year,
       CASE WHEN i.institution_id = 1 THEN t.joined
            WHEN t.kind = 'md' THEN 2017 + _pick(i.institution_id, t.t, 'mdjoin', 3)
            ELSE _clamp(t.joined - 2 + _pick(i.institution_id, t.t, 'join', 5), 2017, 2024) END AS joined_year,
       CASE WHEN i.institution_id = 1 THEN t.size::DOUBLE
            ELSE t.size * $size_mult * (0.6 + 0.8 * _u(i.institution_id, t.t, 'size')) END AS class_size
FROM institutions i JOIN _tmpl t ON t.t <= $n_prog;
INSERT INTO programs
SELECT program_id, institution_id, name, kind, years, first_class_year, joined_year FROM _prog;
"""

# A cohort exists if one of its class years falls inside [joined_year, last academic year]; MD cohorts
# start PEERS in their first year, so they begin with the class entering in the joining year.
COHORTS = """
CREATE TEMP TABLE _coh AS
SELECT row_number() OVER (ORDER BY p.program_id, r.entry) AS cohort_id, p.program_id, p.institution_id,
       p.name || ' Class of ' || CAST(r.entry + p.years AS VARCHAR) AS name,
       r.entry AS entry_year, r.entry + p.years AS grad_year, p.kind, p.years, p.first_class_year,
       p.joined_year,
       CAST(greatest(1, round(p.class_size * (0.9 + 0.2 * _u(p.program_id, r.entry, 'csize')))) AS INTEGER) AS size
FROM _prog p JOIN range(2000, $last_ay + 1) r(entry)
  ON r.entry + p.years - 1 >= p.joined_year AND (p.kind <> 'md' OR r.entry >= p.joined_year);
ALTER TABLE _coh ADD COLUMN n_groups INTEGER;
UPDATE _coh SET n_groups = CAST(ceil(size / 9.0) AS INTEGER);
INSERT INTO cohorts SELECT cohort_id, program_id, name, entry_year, grad_year FROM _coh;
"""

# Participants: ids in a hashed order (pseudonymous), a fixed group index, an engagement propensity and
# at most one membership event (leave, transfer, withdrawal).
PARTICIPANTS = """
CREATE TEMP TABLE _part AS
WITH b AS (SELECT cohort_id, n_groups, unnest(range(size)) AS k FROM _coh)
SELECT CAST(row_number() OVER (ORDER BY hash(getvariable('demo_seed'), cohort_id, k, 'pid'), cohort_id, k)
            AS INTEGER) AS participant_id,
       cohort_id, k, CAST(k % n_groups AS INTEGER) AS g, _u(cohort_id, k, 'eng') AS eng,
       CASE WHEN _u(cohort_id, k, 'event') < 0.03 THEN 'leave'
            WHEN _u(cohort_id, k, 'event') < 0.05 THEN 'transfer'
            WHEN _u(cohort_id, k, 'event') < 0.065 THEN 'withdrew' ELSE 'none' END AS ev_kind,
       0.15 + 0.7 * _u(cohort_id, k, 'evpos') AS ev_frac, _u(cohort_id, k, 'return') AS ret_u
FROM b;
INSERT INTO participants SELECT participant_id, cohort_id FROM _part ORDER BY participant_id;
CREATE TEMP TABLE _grp AS
WITH b AS (SELECT cohort_id, years, unnest(range(n_groups)) AS g FROM _coh)
SELECT CAST(row_number() OVER (ORDER BY cohort_id, g) AS INTEGER) AS group_id, cohort_id, CAST(g AS INTEGER) AS g,
       'Group ' || lpad(CAST(g + 1 AS VARCHAR), 2, '0') AS name,
       years >= 3 AND _u(cohort_id, g, 'fade') < 0.06 AS fade
FROM b;
INSERT INTO groups SELECT group_id, cohort_id, name FROM _grp;
"""

MEMBERSHIPS = """
CREATE TEMP TABLE _ms AS
WITH b AS (
    SELECT p.participant_id, p.cohort_id, p.g, c.n_groups, p.ev_kind, p.ret_u,
           make_date(greatest(c.entry_year, c.joined_year), 7, 1) AS s0,
           make_date(c.grad_year, 6, 30) AS g_end, p.ev_frac
    FROM _part p JOIN _coh c USING (cohort_id)
), e AS (
    SELECT *, s0 + CAST(floor(ev_frac * (g_end - s0)) AS INTEGER) AS ev,
           CASE WHEN g_end > $as_of THEN NULL ELSE g_end END AS nat_end,
           CASE WHEN g_end > $as_of THEN NULL ELSE 'graduated' END AS nat_reason
    FROM b
), f AS (
    SELECT *, CASE WHEN ev >= $as_of OR (ev_kind = 'transfer' AND n_groups = 1) THEN 'none' ELSE ev_kind END AS evk,
           ev + 330 + _pick(participant_id, 0, 'retday', 70) AS ret
    FROM e
), m AS (
    SELECT participant_id, cohort_id, g, s0 AS start_date,
           CASE WHEN evk = 'none' THEN nat_end ELSE ev END AS end_date,
           CASE WHEN evk = 'none' THEN nat_reason ELSE evk END AS end_reason
    FROM f
    UNION ALL
    SELECT participant_id, cohort_id, (g + 1) % n_groups, ev + 1, nat_end, nat_reason FROM f WHERE evk = 'transfer'
    UNION ALL
    SELECT participant_id, cohort_id, g, ret, nat_end, nat_reason
    FROM f WHERE evk = 'leave' AND ret_u < 0.6 AND ret < g_end AND ret <= $as_of
)
SELECT m.participant_id, gr.group_id, m.start_date, m.end_date, m.end_reason
FROM m JOIN _grp gr ON gr.cohort_id = m.cohort_id AND gr.g = m.g;
INSERT INTO memberships SELECT * FROM _ms ORDER BY participant_id, start_date;
"""

FACILITATORS = """
CREATE TEMP TABLE _fac AS
SELECT CAST(row_number() OVER (ORDER BY hash(getvariable('demo_seed'), g.group_id, j, 'fac'), g.group_id, j)
            AS INTEGER) AS facilitator_id,
       g.group_id,
       CASE WHEN j = 0 THEN 'faculty'
            WHEN c.kind = 'md' THEN CASE WHEN _u(g.group_id, j, 'role') < 0.5 THEN 'senior_student' ELSE 'resident' END
            WHEN c.kind = 'graduate' THEN CASE WHEN _u(g.group_id, j, 'role') < 0.5 THEN 'staff' ELSE 'faculty' END
            ELSE CASE WHEN _u(g.group_id, j, 'role') < 0.7 THEN 'resident' ELSE 'faculty' END END AS role,
       make_date(greatest(c.entry_year, c.joined_year), 7, 1) AS start_date,
       CASE WHEN make_date(c.grad_year, 6, 30) > $as_of THEN NULL ELSE make_date(c.grad_year, 6, 30) END AS end_date
FROM _grp g JOIN _coh c USING (cohort_id) CROSS JOIN range(2) r(j);
INSERT INTO facilitators SELECT facilitator_id, role FROM _fac ORDER BY facilitator_id;
INSERT INTO group_facilitators SELECT group_id, facilitator_id, start_date, end_date FROM _fac;
"""

# MD groups follow the 10-session plan over four years; the others meet monthly, sessions 1-10 each year.
# Each group meets within a few days of a cohort-wide date, moved off weekends.
SESSIONS = """
CREATE TEMP TABLE _ses AS
WITH plan AS (
    SELECT g.group_id, g.fade, c.cohort_id, c.program_id, c.kind, c.years, c.entry_year, c.first_class_year,
           s.n, s.topic, s.month, c.entry_year + s.cy - 1 AS ay
    FROM _grp g JOIN _coh c USING (cohort_id) JOIN _sched s ON s.plan = 'md'
    WHERE c.kind = 'md'
    UNION ALL
    SELECT g.group_id, g.fade, c.cohort_id, c.program_id, c.kind, c.years, c.entry_year, c.first_class_year,
           s.n, s.topic, s.month, y.ay
    FROM _grp g JOIN _coh c USING (cohort_id)
    JOIN range(2000, $last_ay + 1) y(ay) ON y.ay BETWEEN greatest(c.entry_year, c.joined_year) AND c.grad_year - 1
    JOIN _sched s ON s.plan = 'monthly'
    WHERE c.kind <> 'md'
), d AS (
    SELECT *, make_date(CASE WHEN month >= 7 THEN ay ELSE ay + 1 END, month,
                        6 + _pick(cohort_id, ay * 100 + n, 'day', 17))
              + (_pick(group_id, ay * 100 + n, 'gday', 11) - 5) AS d0
    FROM plan
), e AS (
    SELECT *, d0 + CASE dayofweek(d0) WHEN 6 THEN 2 WHEN 0 THEN 1 ELSE 0 END AS session_date FROM d
)
SELECT CAST(row_number() OVER (ORDER BY group_id, session_date, n) AS BIGINT) AS session_id,
       group_id, cohort_id, program_id, kind, years, fade, n, topic, session_date, ay,
       ay - entry_year + 1 AS prog_year, ay - entry_year + first_class_year AS cyn,
       CASE WHEN kind = 'md' THEN CASE WHEN _u(cohort_id, ay, 'time') < 0.5 THEN TIME '13:00' ELSE TIME '15:30' END
            WHEN kind = 'graduate' THEN TIME '16:00'
            WHEN _u(program_id, ay, 'time') < 0.6 THEN TIME '12:00' ELSE TIME '17:00' END AS start_time,
       60 + 15 * _pick(cohort_id, ay * 100 + n, 'len', 3) AS length_min,
       CASE WHEN ay = 2020 OR session_date BETWEEN DATE '2020-03-15' AND DATE '2020-06-30' THEN 'virtual'
            WHEN ay >= 2021 AND _u(group_id, ay * 100 + n, 'mode') < 0.09 THEN 'virtual'
            WHEN ay >= 2021 AND _u(group_id, ay * 100 + n, 'mode') < 0.15 THEN 'hybrid'
            ELSE 'in_person' END AS modality
FROM e
WHERE session_date <= $as_of;
INSERT INTO sessions
SELECT session_id, group_id, n, topic, session_date, start_time, length_min, modality FROM _ses ORDER BY session_id;
"""

# Expected attendees are the members enrolled on the session date. Attendance falls with the year of
# training (MS1 high, MS4 low), with a person's engagement, and sharply in the few groups that fade.
ATTENDANCE = """
INSERT INTO attendance
WITH x AS (
    SELECT s.session_id, m.participant_id, s.length_min,
           _u(s.session_id, m.participant_id, 'att') AS u,
           CASE s.kind WHEN 'md' THEN 0.05 WHEN 'graduate' THEN 0.05 ELSE 0.08 END AS p_exc,
           (CASE WHEN s.kind = 'md' THEN [0.92, 0.82, 0.72, 0.58][least(s.prog_year, 4)]
                 WHEN s.kind = 'graduate' THEN 0.76 - 0.04 * (s.prog_year - 1)
                 ELSE 0.80 - 0.04 * (s.prog_year - 1) END)
           + 0.30 * (p.eng - 0.5)
           + 0.10 * (_u(s.session_id, 0, 'shock') - 0.5)
           - CASE WHEN s.modality = 'virtual' THEN 0.04 ELSE 0 END
           - CASE WHEN s.fade THEN 0.5 * (s.prog_year - 1) / greatest(s.years - 1, 1) ELSE 0 END AS p_present
    FROM _ses s
    JOIN _ms m ON m.group_id = s.group_id AND s.session_date BETWEEN m.start_date AND coalesce(m.end_date, $as_of)
    JOIN _part p ON p.participant_id = m.participant_id
), y AS (
    SELECT *, CASE WHEN u < p_exc THEN 'excused' WHEN (u - p_exc) / (1 - p_exc) < p_present THEN 'present'
                   ELSE 'absent' END AS status
    FROM x
)
SELECT session_id, participant_id, status,
       CASE WHEN status <> 'present' THEN NULL
            WHEN _u(session_id, participant_id, 'late') < 0.1
                THEN CAST(round(length_min * (0.4 + 0.5 * _u(session_id, participant_id, 'mins'))) AS INTEGER)
            ELSE length_min - _pick(session_id, participant_id, 'mins', 6) END AS minutes,
       'demo'
FROM y
"""

WAVES = """
INSERT INTO survey_waves
SELECT CAST(y - 2016 AS INTEGER), 'Annual well-being survey ' || ay_label(y), 'annual', y,
       CASE WHEN $n_inst = 1 THEN 1 END, NULL, NULL, make_date(y + 1, 3, 1), make_date(y + 1, 3, 31)
FROM range(2017, $last_ay + 1) r(y)
WHERE make_date(y + 1, 3, 1) <= $as_of;
INSERT INTO survey_waves
SELECT CAST(100 + row_number() OVER (ORDER BY ay, n) AS INTEGER),
       'Session feedback ' || ay_label(ay) || ' #' || CAST(n AS VARCHAR), 'post_session', ay,
       CASE WHEN $n_inst = 1 THEN 1 END, n, min(topic), min(session_date),
       least(max(session_date) + 14, $as_of)
FROM _ses GROUP BY ay, n;
"""

# Who could answer: annual waves everyone enrolled on the opening day; post-session waves everyone present
# (once per person, even after a transfer). The attendance band counts sessions attended before the answer:
# all of MD so far, or the current academic year elsewhere. The participant id is dropped at insert.
RESPONDENTS = """
CREATE TEMP TABLE _pres AS
SELECT a.participant_id, s.session_id, s.cohort_id, s.program_id, s.kind, s.ay, s.n, s.cyn, s.session_date,
       s.modality,
       count(*) OVER (PARTITION BY a.participant_id, CASE WHEN s.kind = 'md' THEN 0 ELSE s.ay END
                      ORDER BY s.session_date, s.session_id ROWS UNBOUNDED PRECEDING) AS n_so_far
FROM attendance a JOIN _ses s USING (session_id)
WHERE a.status = 'present';
CREATE TEMP TABLE _fb AS
SELECT w.wave_id, p.* FROM _pres p
JOIN survey_waves w ON w.kind = 'post_session' AND w.academic_year = p.ay AND w.session_number = p.n
QUALIFY row_number() OVER (PARTITION BY p.participant_id, w.wave_id ORDER BY p.session_date, p.session_id) = 1;
CREATE TEMP TABLE _an AS
WITH w AS (SELECT wave_id, academic_year AS ay, opened FROM survey_waves WHERE kind = 'annual'),
pa AS (
    SELECT participant_id, ay, count(*) AS n_all,
           count(*) FILTER (WHERE session_date < make_date(ay + 1, 3, 1)) AS n_pre
    FROM _pres GROUP BY ALL
), e AS (
    SELECT w.wave_id, w.ay, m.participant_id, c.cohort_id, c.program_id, c.kind,
           w.ay - c.entry_year + 1 AS prog_year, w.ay - c.entry_year + c.first_class_year AS cyn
    FROM w JOIN _ms m ON w.opened BETWEEN m.start_date AND coalesce(m.end_date, $as_of)
    JOIN _part p ON p.participant_id = m.participant_id
    JOIN _coh c ON c.cohort_id = p.cohort_id
)
SELECT e.*, coalesce(sum(CASE WHEN pa.ay = e.ay THEN pa.n_pre WHEN e.kind = 'md' AND pa.ay < e.ay THEN pa.n_all END), 0)
           AS n_so_far
FROM e LEFT JOIN pa ON pa.participant_id = e.participant_id AND pa.ay <= e.ay
GROUP BY ALL;
INSERT INTO wave_eligible
SELECT wave_id, cohort_id, class_year_label(kind, cyn), count(*) FROM _an GROUP BY ALL;
INSERT INTO wave_eligible
SELECT wave_id, cohort_id, class_year_label(kind, cyn), count(*) FROM _fb GROUP BY ALL;
CREATE TEMP TABLE _r0 AS
SELECT wave_id, participant_id, program_id, cohort_id, class_year_label(kind, cyn) AS class_year,
       kind, ay, 'annual' AS wkind, 'in_person' AS modality, n_so_far
FROM _an e JOIN (SELECT participant_id, eng FROM _part) p USING (participant_id)
WHERE _u(participant_id, wave_id, 'resp') <
      (CASE WHEN kind = 'md' THEN [0.80, 0.68, 0.56, 0.42][least(prog_year, 4)]
            WHEN kind = 'graduate' THEN 0.60 - 0.04 * (prog_year - 1)
            ELSE 0.62 - 0.05 * (prog_year - 1) END) + 0.2 * (p.eng - 0.5)
UNION ALL
SELECT f.wave_id, participant_id, program_id, cohort_id, class_year_label(kind, cyn), kind, ay, 'feedback',
       modality, n_so_far
FROM _fb f JOIN (SELECT participant_id, eng FROM _part) p USING (participant_id)
WHERE _u(participant_id, f.wave_id, 'fbresp') < 0.22 + 0.4 * p.eng;
"""

# Response ids come from a hashed order, so they say nothing about the participant; latent traits drive
# the answers: support (higher with the attendance band), stress, loneliness and burnout (a 2020-21 bump).
RESPONSES = """
CREATE TEMP TABLE _resp AS
WITH r AS (
    SELECT *, CASE WHEN n_so_far <= 3 THEN '0-3' WHEN n_so_far <= 7 THEN '4-7' ELSE '8-10' END AS band,
           0.5 * _u(participant_id, 0, 'sup') + 0.5 * _u(participant_id, wave_id, 'sup') - 0.5 AS sup,
           _u(participant_id, wave_id, 'z1') + _u(participant_id, wave_id, 'z2') - 1 AS z1,
           _u(participant_id, wave_id, 'z3') + _u(participant_id, wave_id, 'z4') - 1 AS z2,
           CASE WHEN ay = 2020 THEN 0.12 WHEN ay = 2021 THEN 0.05 ELSE 0 END AS covid
    FROM _r0
)
SELECT CAST(row_number() OVER (ORDER BY hash(getvariable('demo_seed'), wave_id, participant_id, 'rid'),
                                        wave_id, participant_id) AS BIGINT) AS response_id,
       wave_id, program_id, cohort_id, class_year, band, wkind, modality, ay,
       _clamp(CASE wkind WHEN 'annual' THEN [0.50, 0.66, 0.80] ELSE [0.62, 0.72, 0.82] END
              [CASE band WHEN '0-3' THEN 1 WHEN '4-7' THEN 2 ELSE 3 END] + 0.6 * sup, 0.03, 0.97) AS p_fav,
       _clamp(0.42 + covid + CASE WHEN kind IN ('residency', 'fellowship') THEN 0.05 ELSE 0 END
              + 0.3 * z1, 0, 1) AS stress,
       _clamp(0.35 + covid - 0.4 * sup + 0.3 * z2, 0, 1) AS lonely,
       _clamp(0.44 + covid + CASE WHEN kind IN ('residency', 'fellowship') THEN 0.08 ELSE 0 END
              + 0.25 * z1 + 0.1 * z2, 0, 1) AS burnout
FROM r;
INSERT INTO responses (response_id, wave_id, program_id, cohort_id, class_year, attendance_band, source)
SELECT response_id, wave_id, program_id, cohort_id, class_year, band, 'demo' FROM _resp ORDER BY wave_id, response_id;
"""

ANSWERS = """
INSERT INTO answers
WITH x AS (
    SELECT r.response_id, i.item_id, i.model, i.reverse, r.stress, r.lonely, r.burnout,
           _clamp(r.p_fav + i.shift - CASE WHEN i.item_id = 'fb_safe' AND r.modality = 'virtual' THEN 0.06 ELSE 0 END,
                  0.03, 0.97) AS p,
           _u(r.response_id, i.pos, 'ans') AS u
    FROM _resp r JOIN _it i ON i.wkind = r.wkind
)
SELECT response_id, item_id,
       CASE model
           WHEN 'likert' THEN CASE WHEN u < p * 0.42 THEN 5 WHEN u < p THEN 4
                                   WHEN (u - p) / (1 - p) < 0.15 THEN 1 WHEN (u - p) / (1 - p) < 0.45 THEN 2 ELSE 3 END
           WHEN 'pss' THEN abs(CASE WHEN reverse THEN 4 ELSE 0 END - _clamp(round(stress * 4 + (u - 0.5) * 2.2), 0, 4))
           WHEN 'ucla' THEN _clamp(1 + floor(lonely * 3 + (u - 0.5) * 1.4), 1, 3)
           ELSE _clamp(round(burnout * 6 + (u - 0.5) * 3), 0, 6) END,
       NULL
FROM x;
INSERT INTO answers
SELECT response_id, 'comment', NULL,
       ($comments::VARCHAR[])[_pick(response_id, 0, 'ctext', len($comments::VARCHAR[])) + 1]
FROM _resp
WHERE wkind = 'annual' AND _u(response_id, 0, 'comment') < 0.15;
"""
