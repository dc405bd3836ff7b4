-- Every cohort with what its class year in a given academic year is worked out from (entry year, and its
-- program's kind, length and first class year).
SELECT c.cohort_id, c.entry_year, p.kind, p.years, p.first_class_year
FROM cohorts c
JOIN programs p USING (program_id);
