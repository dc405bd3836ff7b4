-- Who was eligible for a wave, counted from the roster: the members of each cohort of the given programs
-- on the wave's date.
-- $programs: the programs of the file's responses; $on: the wave's date ('YYYY-MM-DD').
SELECT g.cohort_id, count(DISTINCT m.participant_id) AS n_eligible
FROM memberships m
JOIN groups g USING (group_id)
JOIN cohorts c USING (cohort_id)
WHERE list_contains($programs, c.program_id) AND m.start_date <= CAST($on AS DATE)
  AND (m.end_date IS NULL OR m.end_date >= CAST($on AS DATE))
GROUP BY ALL;
