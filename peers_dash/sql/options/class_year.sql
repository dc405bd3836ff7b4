-- Every class year with attendance or survey data in the program kinds in view, in training order.
-- $program_kinds: what is chosen above (empty: all).
SELECT DISTINCT class_year AS value, class_year_order(class_year) AS k
FROM (SELECT class_year, program_kind FROM pub_att_people
      UNION ALL SELECT class_year, program_kind FROM pub_response_rates)
WHERE class_year IS NOT NULL AND (len($program_kinds) = 0 OR list_contains($program_kinds, program_kind))
ORDER BY k
