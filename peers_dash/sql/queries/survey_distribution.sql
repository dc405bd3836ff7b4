-- Per question, cell and answer: how many published responses gave it.
SELECT {dims}
       item_id,
       value,
       sum(n) AS n_answers
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
  AND list_contains($items, item_id)
GROUP BY ALL
HAVING count(*) > 0
