-- How many sessions each respondent came to by the wave's date: all of them so far in MD, those of the
-- wave's academic year elsewhere (the attendance band a response is counted in).
-- $ids: the respondents (participant ids); $year: the wave's academic year; $on: the wave's date ('YYYY-MM-DD').
SELECT a.participant_id,
       count(*) FILTER (WHERE a.status = 'present' AND (p.kind = 'md' OR ay_start(s.session_date) = $year)) AS n
FROM attendance a
JOIN sessions s USING (session_id)
JOIN groups g USING (group_id)
JOIN cohorts c USING (cohort_id)
JOIN programs p USING (program_id)
WHERE list_contains($ids, a.participant_id) AND s.session_date <= CAST($on AS DATE)
GROUP BY ALL;
