-- Per item, cell and answer value: how many respondents gave it.
SELECT {dims}
       item_id,
       value,
       sum(n) AS n_answers
FROM answer_rollup
WHERE {where}
  AND wave_kind = $wave_kind
  AND list_contains($items, item_id)
GROUP BY ALL
