-- completeness_facts: data completeness for the Methods page (sessions held with no attendance loaded, survey
-- waves with no responses or no eligible population), rebuilt whole after every write, once the other rollups
-- are.
CREATE OR REPLACE TABLE completeness_facts AS
SELECT 'sessions held with no attendance loaded' AS what,
       count(*) AS n
FROM sessions s
WHERE s.session_date <= current_date
  AND s.session_id NOT IN (SELECT DISTINCT session_id FROM attendance_facts)
UNION ALL
SELECT 'survey waves with no responses', count(*)
FROM survey_waves w
WHERE w.wave_id NOT IN (SELECT DISTINCT wave_id FROM responses)
UNION ALL
SELECT 'survey waves with no eligible population recorded', count(*)
FROM survey_waves w
WHERE w.wave_id NOT IN (SELECT DISTINCT wave_id FROM wave_eligible);
