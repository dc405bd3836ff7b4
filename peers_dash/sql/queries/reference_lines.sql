-- Targets and benchmarks that bear on a view: those for every institution, or for one of the view's.
-- $institutions: the view's (empty: all).
SELECT ref_id, kind, figure, shown_as, value, source, institution_id
FROM reference_lines
WHERE institution_id IS NULL OR len($institutions) = 0 OR list_contains($institutions, institution_id)
ORDER BY kind DESC, ref_id
