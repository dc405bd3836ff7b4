-- The program changes that bear on a view: those of every program, of the view's institutions, or of one of
-- its programs (a view of a whole school shows a change to one of its programs too). A change to another
-- institution's program is never listed, whoever recorded it.
-- $institutions, $programs: the view's (empty: all).
SELECT c.change_id, c.changed_on, ay_start(c.changed_on) AS ay, c.words, c.institution_id, c.program_id
FROM program_changes c
LEFT JOIN programs p ON p.program_id = c.program_id
WHERE (len($institutions) = 0
       OR (c.institution_id IS NULL AND c.program_id IS NULL)
       OR list_contains($institutions, coalesce(c.institution_id, p.institution_id)))
  AND (c.program_id IS NULL OR len($programs) = 0 OR list_contains($programs, c.program_id))
ORDER BY c.changed_on, c.change_id
