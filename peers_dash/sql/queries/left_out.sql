-- People left out of the figures in the programs and years in view (each program-year already rounded down to
-- tens by sql/protect/left_out.sql).
-- $kind: 'attendance' (person-years) or 'survey' (annual respondents).
-- {where}: the filter's conditions (filters.CohortFilter.where), only institution, program kind, program and
-- academic-year ones; their values are bound parameters of their own.
SELECT coalesce(sum(n), 0) AS n
FROM (SELECT l.*, p.kind AS program_kind FROM pub_left_out l JOIN programs p USING (program_id))
WHERE kind = $kind AND {where}
