-- What protection leaves out, per program and academic year, for the pages' note: person-years of attendance
-- in no published cell (what every role sees), and annual-survey respondents in no published response cell.
-- Each is rounded down to a multiple of 10 here, so no exact count of a few left-out people is ever stored
-- for the dashboard (a page adds these up over the programs and years in view).
CREATE OR REPLACE TABLE pub_left_out AS
WITH people AS (
    SELECT r.institution_id, r.program_id, r.ay, r.n - coalesce(p.n, 0) AS n
    FROM (SELECT institution_id, program_id, ay, count(*) AS n FROM person_year GROUP BY ALL) r
    LEFT JOIN (SELECT program_id, ay, sum(n_people) AS n FROM pub_att_people GROUP BY ALL) p
           ON p.program_id = r.program_id AND p.ay = r.ay
),
respondents AS (
    SELECT r.institution_id, r.program_id, r.ay, r.n - coalesce(p.n, 0) AS n
    FROM (SELECT institution_id, program_id, ay, sum(n_responded) AS n FROM response_rate_facts
          WHERE wave_kind = 'annual' GROUP BY ALL) r
    LEFT JOIN (SELECT program_id, ay, sum(n_responded) AS n FROM pub_response_rates
               WHERE wave_kind = 'annual' GROUP BY ALL) p
           ON p.program_id = r.program_id AND p.ay = r.ay
)
SELECT institution_id, program_id, ay, 'attendance' AS kind, CAST(floor(n / 10) * 10 AS INTEGER) AS n FROM people
UNION ALL
SELECT institution_id, program_id, ay, 'survey', CAST(floor(n / 10) * 10 AS INTEGER) FROM respondents;
