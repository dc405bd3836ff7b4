-- Data completeness: sessions held with no attendance loaded, and survey waves with no responses.
SELECT 'sessions held with no attendance loaded' AS what,
       count(*) AS n
FROM sessions s
WHERE s.session_date <= current_date
  AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.session_id)
UNION ALL
SELECT 'survey waves with no responses', count(*)
FROM survey_waves w
WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.wave_id = w.wave_id)
UNION ALL
SELECT 'survey waves with no eligible population recorded', count(*)
FROM survey_waves w
WHERE NOT EXISTS (SELECT 1 FROM wave_eligible e WHERE e.wave_id = w.wave_id)
