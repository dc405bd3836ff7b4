-- Who was eligible for a wave, per cohort (the registered frame elig), replacing what was recorded.
INSERT INTO wave_eligible
SELECT wave_id, cohort_id, class_year, n_eligible FROM elig
ON CONFLICT (wave_id, cohort_id) DO UPDATE SET n_eligible = excluded.n_eligible;
