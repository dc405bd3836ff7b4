-- Eligible people and respondents per cell, from published response counts.
SELECT {dims}
       sum(n_eligible) AS n_eligible,
       sum(n_responded) AS n_responded
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
GROUP BY ALL
HAVING count(*) > 0
