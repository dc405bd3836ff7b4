-- Every class year with published attendance or survey figures in the institutions and program kinds in view,
-- in training order.
-- $institutions, $program_kinds: what is chosen above (empty: all).
SELECT DISTINCT class_year AS value, class_year_order(class_year) AS k
FROM (SELECT class_year, program_kind, institution_id FROM pub_att_people
      UNION ALL SELECT class_year, program_kind, institution_id FROM pub_response_rates)
WHERE class_year IS NOT NULL
  AND (len($institutions) = 0 OR list_contains($institutions, institution_id))
  AND (len($program_kinds) = 0 OR list_contains($program_kinds, program_kind))
ORDER BY k
