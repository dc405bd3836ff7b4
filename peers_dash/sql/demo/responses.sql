-- Responses (and the temp table _resp, with each respondent's latent traits): response ids come from a
-- hashed order, so they say nothing about the participant; latent traits drive the answers: support (higher
-- with the attendance band), stress, loneliness and burnout (a 2020-21 bump).
CREATE TEMP TABLE _resp AS
WITH r AS (
    SELECT *, CASE WHEN n_so_far <= 3 THEN '0-3' WHEN n_so_far <= 7 THEN '4-7' ELSE '8-10' END AS band,
           0.5 * _u(participant_id, 0, 'sup') + 0.5 * _u(participant_id, wave_id, 'sup') - 0.5 AS sup,
           _u(participant_id, wave_id, 'z1') + _u(participant_id, wave_id, 'z2') - 1 AS z1,
           _u(participant_id, wave_id, 'z3') + _u(participant_id, wave_id, 'z4') - 1 AS z2,
           CASE WHEN ay = 2020 THEN 0.12 WHEN ay = 2021 THEN 0.05 ELSE 0 END AS covid
    FROM _r0
)
SELECT CAST(row_number() OVER (ORDER BY hash(getvariable('demo_seed'), wave_id, participant_id, 'rid'),
                                        wave_id, participant_id) AS BIGINT) AS response_id,
       wave_id, program_id, cohort_id, class_year, band, wkind, modality, ay,
       _clamp(CASE wkind WHEN 'annual' THEN [0.50, 0.66, 0.80] ELSE [0.62, 0.72, 0.82] END
              [CASE band WHEN '0-3' THEN 1 WHEN '4-7' THEN 2 ELSE 3 END] + 0.6 * sup, 0.03, 0.97) AS p_fav,
       _clamp(0.42 + covid + CASE WHEN kind IN ('residency', 'fellowship') THEN 0.05 ELSE 0 END
              + 0.3 * z1, 0, 1) AS stress,
       _clamp(0.35 + covid - 0.4 * sup + 0.3 * z2, 0, 1) AS lonely,
       _clamp(0.44 + covid + CASE WHEN kind IN ('residency', 'fellowship') THEN 0.08 ELSE 0 END
              + 0.25 * z1 + 0.1 * z2, 0, 1) AS burnout
FROM r;
INSERT INTO responses (response_id, wave_id, program_id, cohort_id, class_year, attendance_band, source)
SELECT response_id, wave_id, program_id, cohort_id, class_year, band, 'demo' FROM _resp ORDER BY wave_id, response_id;
