-- Per item, cell and answer value: how many respondents gave it.
SELECT {dims}
       item_id,
       value,
       count(DISTINCT response_id) AS n_answers
FROM answer_facts
WHERE {where}
  AND wave_kind = $wave_kind
  AND list_contains($items, item_id)
  AND value IS NOT NULL
GROUP BY ALL
