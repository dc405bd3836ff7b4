-- The members of the groups a person is listed in on a sign-in sheet (to settle a name the roster gives to
-- several people).
-- $person: the person, as written on the sheet.
SELECT DISTINCT m.participant_id
FROM incoming i
JOIN group_map gm ON gm.program = i.program AND gm.cohort = i.cohort AND gm."group" = i."group"
JOIN memberships m ON m.group_id = gm.group_id
WHERE i.person = $person;
