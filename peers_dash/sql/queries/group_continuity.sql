-- Group continuity: per group and academic year, how many of the group's starting members (those expected in
-- its first year) came to at least one published session, from published group-years.
-- {where}: the filter's conditions (filters.CohortFilter.where: text made in code, whose values are bound
-- parameters of their own).
SELECT group_id, cohort_id, ay, ay - first_ay + 1 AS program_year, n_people, n_reached AS n_attending
FROM pub_group_years
WHERE starter AND {where}
