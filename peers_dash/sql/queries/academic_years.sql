-- Start years of every academic year with sessions or survey waves, oldest first (all data, not only what is
-- published: the benchmark's and the importer's year lists).
SELECT DISTINCT y
FROM (SELECT ay_start(session_date) AS y FROM sessions
      UNION ALL
      SELECT academic_year FROM survey_waves)
ORDER BY y
