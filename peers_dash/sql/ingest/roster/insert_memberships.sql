-- A roster's memberships (the registered frame rows), dates as text (an end may be missing).
INSERT INTO memberships
SELECT participant_id, group_id, CAST(start_date AS DATE), CAST(end_date AS DATE), end_reason FROM rows;
