-- The programs (and the temp table _prog, with their class sizes): institution 1 is the canonical
-- school; the others vary join years and class sizes by hash.
-- $n_prog: how many of the program templates each institution runs (demo.SCALES)
-- $size_mult: how much larger classes are at every institution but the first (demo.SCALES)
CREATE TEMP TABLE _prog AS
SELECT (i.institution_id - 1) * $n_prog + t.t AS program_id, i.institution_id, t.name, t.kind, t.years,
       t.first_class_year,
       CASE WHEN i.institution_id = 1 THEN t.joined
            WHEN t.kind = 'md' THEN 2017 + _pick(i.institution_id, t.t, 'mdjoin', 3)
            ELSE _clamp(t.joined - 2 + _pick(i.institution_id, t.t, 'join', 5), 2017, 2024) END AS joined_year,
       CASE WHEN i.institution_id = 1 THEN t.size::DOUBLE
            ELSE t.size * $size_mult * (0.6 + 0.8 * _u(i.institution_id, t.t, 'size')) END AS class_size
FROM institutions i JOIN _tmpl t ON t.t <= $n_prog;
INSERT INTO programs
SELECT program_id, institution_id, name, kind, years, first_class_year, joined_year FROM _prog;
