-- Record a program change (peers_dash.queries.changes.record; the demo's too), numbered after the last one; returns its
-- change_id.
-- $changed_on: the day it happened; $words: what changed, in a few words; $who: who recorded it.
-- $institution_id, $program_id: the institution and program it belongs to (NULL: every one).
INSERT INTO program_changes
SELECT coalesce(max(change_id), 0) + 1, $changed_on, $words, $institution_id, $program_id, $who, now()
FROM program_changes
RETURNING change_id;
