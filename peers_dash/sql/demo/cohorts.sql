-- The cohorts (and the temp table _coh, with sizes and group counts). A cohort exists if one of its class
-- years falls inside [joined_year, last academic year]; MD cohorts start PEERS in their first year, so they
-- begin with the class entering in the joining year.
-- $last_ay: the last academic year with data (demo.LAST_AY)
CREATE TEMP TABLE _coh AS
SELECT row_number() OVER (ORDER BY p.program_id, r.entry) AS cohort_id, p.program_id, p.institution_id,
       p.name || ' Class of ' || CAST(r.entry + p.years AS VARCHAR) AS name,
       r.entry AS entry_year, r.entry + p.years AS grad_year, p.kind, p.years, p.first_class_year,
       p.joined_year,
       CAST(greatest(1, round(p.class_size * (0.9 + 0.2 * _u(p.program_id, r.entry, 'csize')))) AS INTEGER) AS size
FROM _prog p JOIN range(2000, $last_ay + 1) r(entry)
  ON r.entry + p.years - 1 >= p.joined_year AND (p.kind <> 'md' OR r.entry >= p.joined_year);
ALTER TABLE _coh ADD COLUMN n_groups INTEGER;
UPDATE _coh SET n_groups = CAST(ceil(size / 9.0) AS INTEGER);
INSERT INTO cohorts SELECT cohort_id, program_id, name, entry_year, grad_year FROM _coh;
