-- Eligible people and respondents per cell.
SELECT {dims}
       sum(n_eligible) AS n_eligible,
       sum(n_responded) AS n_responded
FROM response_rate_facts
WHERE {where}
  AND wave_kind = $wave_kind
GROUP BY ALL
