-- The measures with published results in the institutions in view, in waves of kind $wave_kind: a school is
-- offered its own questions and the catalogue's it answered, never another school's own questions.
-- $institutions: the institutions in view.
SELECT DISTINCT 'item:' || item_id AS key
FROM pub_answers
WHERE wave_kind = $wave_kind AND list_contains($institutions, institution_id)
UNION
SELECT DISTINCT 'score:' || instrument_id
FROM pub_scores
WHERE wave_kind = $wave_kind AND list_contains($institutions, institution_id)
