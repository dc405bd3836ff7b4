-- The wave's responses a survey file replaces (response_id, why): 'same' for a response with one of the
-- file's keys, in the same program or from a file of the same name, that answered a question the file also
-- asks; 'gone' for the other responses of an earlier file of this name that shared a response with this one,
-- and for rows imported before keys existed under this name.
-- $wave: the wave's id; $keys: the file's response keys; $pairs: 'key|program_id' of each of them;
-- $items: the questions the file asks; $source: the file ('qualtrics:file.csv').
WITH same AS (
    SELECT r.response_id, r.source FROM responses r
    WHERE r.wave_id = $wave AND list_contains($keys, r.response_key)
      AND (r.source = $source OR list_contains($pairs, r.response_key || '|' || r.program_id))
      AND EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.response_id
                  AND list_contains($items, a.item_id))
)
SELECT response_id, 'same' AS why FROM same
UNION ALL
SELECT r.response_id, 'gone' FROM responses r
WHERE r.wave_id = $wave AND r.source = $source AND r.response_id NOT IN (SELECT response_id FROM same)
  AND (r.response_key IS NULL OR $source IN (SELECT source FROM same));
