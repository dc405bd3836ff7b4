-- People per cell of a breakdown, from published group-years ({source}: pub_att_people, or cons_att_people
-- for a consortium view, or pub_group_years for analysts' group views): how many were expected at published
-- sessions and how many came at least once. A person is counted once a year (in each group they belonged to);
-- years add up.
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
SELECT {dims}
       sum(n_groups) AS n_groups,
       sum(n_people) AS n_people,
       sum(n_reached) AS n_reached
FROM {source}
WHERE {where}
GROUP BY ALL
HAVING count(*) > 0
