-- The memberships the database holds for the given people, as text (blank for none), to compare with a
-- roster's.
-- $ids: the people (participant ids).
SELECT participant_id, group_id, coalesce(CAST(start_date AS VARCHAR), ''), coalesce(CAST(end_date AS VARCHAR), ''),
       coalesce(end_reason, '')
FROM memberships
WHERE list_contains($ids, participant_id);
