-- Sessions (and the temp table _ses, with what attendance needs): MD groups follow the 10-session plan over
-- four years; the others meet monthly, sessions 1-10 each year. Each group meets within a few days of a
-- cohort-wide date, moved off weekends.
-- $as_of: the day the data runs to (demo.DATA_AS_OF): nothing happens after it
-- $last_ay: the last academic year with data (demo.LAST_AY)
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
