-- The sessions a sign-in sheet is about (its rows whose session is known), as the temp table covered.
CREATE OR REPLACE TEMP TABLE covered AS
SELECT DISTINCT session_id FROM located WHERE ok;
