-- Respondents to the annual survey in view ({dims} is unused here).
SELECT {dims} coalesce(sum(n), 0) AS n
FROM response_rollup
WHERE {where}
  AND wave_kind = 'annual'
