-- Rows that list a person more than once for the same session (the first 50).
SELECT l.person, l.session_date AS date, l._row, l._file FROM located l
JOIN (SELECT session_id, participant_id FROM located WHERE ok GROUP BY ALL HAVING count(*) > 1) d
  USING (session_id, participant_id)
ORDER BY l._row LIMIT 50;
