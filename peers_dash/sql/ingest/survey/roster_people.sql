-- The cohort and program the roster gives each of the given people (respondents a survey file names).
-- $ids: the people (participant ids).
SELECT p.participant_id, p.cohort_id, c.program_id
FROM participants p
JOIN cohorts c USING (cohort_id)
WHERE list_contains($ids, p.participant_id);
