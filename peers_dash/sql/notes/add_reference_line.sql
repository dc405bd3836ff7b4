-- Record a target or a benchmark (peers_dash.queries.references.record), numbered after the last one; returns its ref_id.
-- $kind: 'target' or 'benchmark'; $figure: the figure it is drawn on; $shown_as: 'share' or 'mean';
-- $value: where the line is drawn; $source: who published a benchmark (NULL for a target); $who: who recorded it.
INSERT INTO reference_lines
SELECT coalesce(max(ref_id), 0) + 1, $kind, $figure, $shown_as, $value, $source, NULL, $who, now()
FROM reference_lines
RETURNING ref_id;
