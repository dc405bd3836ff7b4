-- Free-text answers in view, in random order, with nothing that could date or place them.
SELECT {dims} text_value AS comment
FROM answer_facts
WHERE {where}
  AND wave_kind = 'annual'
  AND text_value IS NOT NULL
  AND trim(text_value) <> ''
ORDER BY random()
