-- Attendance: expected attendees are the members enrolled on the session date. Attendance falls with the
-- year of training (MS1 high, MS4 low), with a person's engagement, and sharply in the few groups that fade.
-- $as_of: the day the data runs to (demo.DATA_AS_OF): nothing happens after it
INSERT INTO attendance
WITH x AS (
    SELECT s.session_id, m.participant_id, s.length_min,
           _u(s.session_id, m.participant_id, 'att') AS u,
           CASE s.kind WHEN 'md' THEN 0.05 WHEN 'graduate' THEN 0.05 ELSE 0.08 END AS p_exc,
           (CASE WHEN s.kind = 'md' THEN [0.92, 0.82, 0.72, 0.58][least(s.prog_year, 4)]
                 WHEN s.kind = 'graduate' THEN 0.76 - 0.04 * (s.prog_year - 1)
                 ELSE 0.80 - 0.04 * (s.prog_year - 1) END)
           + 0.30 * (p.eng - 0.5)
           + 0.10 * (_u(s.session_id, 0, 'shock') - 0.5)
           - CASE WHEN s.modality = 'virtual' THEN 0.04 ELSE 0 END
           - CASE WHEN s.fade THEN 0.5 * (s.prog_year - 1) / greatest(s.years - 1, 1) ELSE 0 END AS p_present
    FROM _ses s
    JOIN _ms m ON m.group_id = s.group_id AND s.session_date BETWEEN m.start_date AND coalesce(m.end_date, $as_of)
    JOIN _part p ON p.participant_id = m.participant_id
), y AS (
    SELECT *, CASE WHEN u < p_exc THEN 'excused' WHEN (u - p_exc) / (1 - p_exc) < p_present THEN 'present'
                   ELSE 'absent' END AS status
    FROM x
)
SELECT session_id, participant_id, status,
       CASE WHEN status <> 'present' THEN NULL
            WHEN _u(session_id, participant_id, 'late') < 0.1
                THEN CAST(round(length_min * (0.4 + 0.5 * _u(session_id, participant_id, 'mins'))) AS INTEGER)
            ELSE length_min - _pick(session_id, participant_id, 'mins', 6) END AS minutes,
       'demo'
FROM y;
