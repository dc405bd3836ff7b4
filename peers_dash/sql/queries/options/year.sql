-- Start years of every academic year with published attendance or survey waves in the institutions in view,
-- oldest first (from the published group-years, a few hundred thousand rows at national scale, not every session).
-- $institutions: the institutions in view (empty: all).
SELECT DISTINCT y AS value
FROM (SELECT ay AS y, institution_id FROM pub_group_years
      UNION ALL
      SELECT academic_year, institution_id FROM survey_waves)
WHERE len($institutions) = 0 OR list_contains($institutions, institution_id)
ORDER BY y
