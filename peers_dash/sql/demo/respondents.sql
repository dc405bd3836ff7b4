-- Who could answer (temp tables _pres, _fb, _an, _r0) and the eligible counts (wave_eligible): annual waves
-- everyone enrolled on the opening day; post-session waves everyone present (once per person, even after a
-- transfer). The attendance band counts sessions attended before the answer: all of MD so far, or the
-- current academic year elsewhere. The participant id is dropped at insert.
-- $as_of: the day the data runs to (demo.DATA_AS_OF): nothing happens after it
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
