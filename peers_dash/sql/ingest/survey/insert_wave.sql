-- A new survey wave.
-- $wave_id: its id; $name: its name ('2024-25 annual'); $kind: 'annual' or 'post_session'; $year: the academic
-- year's start; $session_number: the session a post-session wave follows (NULL for an annual wave).
INSERT INTO survey_waves VALUES ($wave_id, $name, $kind, $year, NULL, $session_number, NULL, NULL, NULL);
