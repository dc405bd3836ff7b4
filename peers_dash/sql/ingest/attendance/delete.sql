-- The attendance of the sessions the file is about (temp table covered), replaced as a whole.
DELETE FROM attendance WHERE session_id IN (SELECT session_id FROM covered);
