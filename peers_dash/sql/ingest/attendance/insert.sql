-- The attendance of the sessions the file is about: its matched rows, and every expected member it does
-- not list as absent.
-- $source: where the rows come from ('signin:file.csv'), kept with each row.
INSERT INTO attendance
SELECT session_id, participant_id, status, minutes, $source FROM located WHERE ok
UNION ALL
SELECT e.session_id, e.participant_id, 'absent', NULL, $source
FROM expected e ANTI JOIN (SELECT * FROM located WHERE ok) l USING (session_id, participant_id);
