-- What an attendance file does, for the preview: rows written, sessions covered, expected members not
-- listed (recorded absent), and rows it replaces.
SELECT (SELECT count(*) FROM located WHERE ok),
       (SELECT count(*) FROM covered),
       (SELECT count(*) FROM expected e ANTI JOIN (SELECT * FROM located WHERE ok) l
          USING (session_id, participant_id)),
       (SELECT count(*) FROM attendance WHERE session_id IN (SELECT session_id FROM covered));
