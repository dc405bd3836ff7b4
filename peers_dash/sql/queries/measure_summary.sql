-- One measure per cell, from published counts: respondents, mean and spread, and how many are on the side the
-- measure's share counts.
-- $wave_kind: the kind of wave; $id: the question's or instrument's id; $op: 'between' $a and $b for a
-- favourable band or a yes, '>=', '>', '<=' or '<' $a for a cut-off, NULL for none.
-- {source} is pub_answers (questions, {id} item_id, {value} value) or pub_scores (scores, {id} instrument_id,
-- {value} score): code constants.
-- {dims}: the breakdown's columns, each with its comma (queries.dims_sql); {where}: the filter's conditions
-- (filters.CohortFilter.where: text made in code, whose values are bound parameters of their own).
SELECT {dims}
       sum(n) AS n_responses,
       coalesce(sum(n) FILTER (WHERE CASE $op WHEN 'between' THEN {value} BETWEEN $a AND $b
                                              WHEN '>=' THEN {value} >= $a WHEN '>' THEN {value} > $a
                                              WHEN '<=' THEN {value} <= $a WHEN '<' THEN {value} < $a END), 0)
           AS n_share,
       sum(n * {value}) / sum(n) AS mean,
       CASE WHEN sum(n) > 1
            THEN sqrt(greatest((sum(n * {value} * {value}) - sum(n * {value}) ^ 2 / sum(n)) / (sum(n) - 1), 0))
       END AS sd
FROM {source}
WHERE {where}
  AND wave_kind = $wave_kind
  AND {id} = $id
GROUP BY ALL
HAVING count(*) > 0
