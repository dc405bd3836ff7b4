-- Respondents to the annual survey in view ({dims} is unused here).
SELECT {dims} count(DISTINCT response_id) AS n
FROM response_facts
WHERE {where}
  AND wave_kind = 'annual'
