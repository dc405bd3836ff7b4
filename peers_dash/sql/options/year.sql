-- Start years of every academic year with sessions or survey waves in the institutions in view, oldest first.
-- $institutions: the institutions in view (empty: all).
SELECT DISTINCT y AS value
FROM (SELECT ay_start(s.session_date) AS y, p.institution_id
      FROM sessions s JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id) JOIN programs p USING (program_id)
      UNION ALL
      SELECT academic_year, institution_id FROM survey_waves)
WHERE len($institutions) = 0 OR list_contains($institutions, institution_id)
ORDER BY y
