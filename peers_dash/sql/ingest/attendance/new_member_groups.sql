-- Where the people a sign-in sheet lists and no roster has appear: how many groups they are listed in,
-- one of them, and their first dated session there, in the order the sheet lists them.
-- $people: the people (as written on the sheet).
SELECT i.person, count(DISTINCT gm.group_id) AS n_groups, any_value(gm.group_id) AS group_id,
       min(TRY_CAST(nullif(i.date, '') AS DATE)) AS first_day
FROM incoming i
JOIN group_map gm ON gm.program = i.program AND gm.cohort = i.cohort AND gm."group" = i."group"
WHERE list_contains($people, i.person)
GROUP BY i.person
ORDER BY min(i._row);
