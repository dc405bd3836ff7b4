-- Facilitators: two per group (a faculty member and a second whose role suits the program), with their
-- group's years.
-- $as_of: the day the data runs to (demo.DATA_AS_OF): nothing happens after it
CREATE TEMP TABLE _fac AS
SELECT CAST(row_number() OVER (ORDER BY hash(getvariable('demo_seed'), g.group_id, j, 'fac'), g.group_id, j)
            AS INTEGER) AS facilitator_id,
       g.group_id,
       CASE WHEN j = 0 THEN 'faculty'
            WHEN c.kind = 'md' THEN CASE WHEN _u(g.group_id, j, 'role') < 0.5 THEN 'senior_student' ELSE 'resident' END
            WHEN c.kind = 'graduate' THEN CASE WHEN _u(g.group_id, j, 'role') < 0.5 THEN 'staff' ELSE 'faculty' END
            ELSE CASE WHEN _u(g.group_id, j, 'role') < 0.7 THEN 'resident' ELSE 'faculty' END END AS role,
       make_date(greatest(c.entry_year, c.joined_year), 7, 1) AS start_date,
       CASE WHEN make_date(c.grad_year, 6, 30) > $as_of THEN NULL ELSE make_date(c.grad_year, 6, 30) END AS end_date
FROM _grp g JOIN _coh c USING (cohort_id) CROSS JOIN range(2) r(j);
INSERT INTO facilitators SELECT facilitator_id, role FROM _fac ORDER BY facilitator_id;
INSERT INTO group_facilitators SELECT group_id, facilitator_id, start_date, end_date FROM _fac;
