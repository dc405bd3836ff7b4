-- A sessions file's sessions (the registered frame rows): new ones added, those the database has (same id:
-- same group and date) given the file's number, topic, time, length and format.
INSERT INTO sessions
SELECT session_id, group_id, CAST(session_number AS INTEGER), topic, CAST(date AS DATE), CAST(start_time AS TIME),
       CAST(length_min AS INTEGER), modality
FROM rows
ON CONFLICT (session_id) DO UPDATE SET session_number = excluded.session_number, topic = excluded.topic,
    start_time = excluded.start_time, length_min = excluded.length_min, modality = excluded.modality;
