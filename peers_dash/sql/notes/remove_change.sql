-- Delete a program change (peers_dash.queries.changes.remove).
-- $change_id: the change's id.
DELETE FROM program_changes WHERE change_id = $change_id;
