-- Survey waves: one annual wave a year (opened in March) and one feedback wave per academic year and
-- session number.
-- $n_inst: how many institutions (demo.SCALES)
-- $last_ay: the last academic year with data (demo.LAST_AY)
-- $as_of: the day the data runs to (demo.DATA_AS_OF): nothing happens after it
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
