-- The one session a Zoom or Teams report is about, as the temp table covered.
-- $session_id: the session.
CREATE OR REPLACE TEMP TABLE covered AS
SELECT CAST($session_id AS BIGINT) AS session_id;
