-- One measure's answers (or scores) in view, from published counts: respondents per value. {source}, {id} and
-- {value} as in measure_summary.sql.
SELECT {dims}
       {value} AS value,
       sum(n) AS n_answers
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
  AND {id} = $id
GROUP BY ALL
HAVING count(*) > 0
ORDER BY value
