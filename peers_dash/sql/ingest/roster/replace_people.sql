-- The people of a roster (the registered frame people: participant_id, cohort_id): their memberships go
-- (the roster's replace them: insert_memberships.sql), and each is added or moved to their latest cohort.
-- Memberships first: DuckDB refuses to update a participant a membership still refers to.
DELETE FROM memberships WHERE participant_id IN (SELECT participant_id FROM people);
INSERT INTO participants SELECT participant_id, cohort_id FROM people
ON CONFLICT (participant_id) DO UPDATE SET cohort_id = excluded.cohort_id;
