-- Delete a target or a benchmark (peers_dash.queries.references.remove).
-- $ref_id: the line's id.
DELETE FROM reference_lines WHERE ref_id = $ref_id;
