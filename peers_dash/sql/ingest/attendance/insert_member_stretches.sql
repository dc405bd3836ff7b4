-- The people a sign-in sheet adds (temp table new_members) as members of their group, from their first
-- day on the sheet (else the start of their cohort's first year).
INSERT INTO memberships
SELECT n.participant_id, n.group_id,
       coalesce(n.first_day, make_date(c.entry_year, 7, 1)), NULL, NULL
FROM new_members n JOIN groups g USING (group_id) JOIN cohorts c ON c.cohort_id = g.cohort_id;
