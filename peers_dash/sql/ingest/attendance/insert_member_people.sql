-- The people a sign-in sheet adds (temp table new_members: participant_id, group_id, first_day) as
-- participants of their group's cohort.
INSERT INTO participants
SELECT n.participant_id, g.cohort_id FROM new_members n JOIN groups g USING (group_id);
