-- Free-text answers in view, in random order, with nothing that could date or place them.
SELECT {dims} text_value AS comment
FROM comment_facts
WHERE {where}
  AND wave_kind = 'annual'
ORDER BY random()
