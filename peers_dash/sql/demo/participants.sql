-- Participants and groups (temp tables _part and _grp): ids in a hashed order (pseudonymous), a fixed
-- group index, an engagement propensity and at most one membership event (leave, transfer, withdrawal); a
-- few groups of the longer programs fade.
CREATE TEMP TABLE _part AS
WITH b AS (SELECT cohort_id, n_groups, unnest(range(size)) AS k FROM _coh)
SELECT CAST(row_number() OVER (ORDER BY hash(getvariable('demo_seed'), cohort_id, k, 'pid'), cohort_id, k)
            AS INTEGER) AS participant_id,
       cohort_id, k, CAST(k % n_groups AS INTEGER) AS g, _u(cohort_id, k, 'eng') AS eng,
       CASE WHEN _u(cohort_id, k, 'event') < 0.03 THEN 'leave'
            WHEN _u(cohort_id, k, 'event') < 0.05 THEN 'transfer'
            WHEN _u(cohort_id, k, 'event') < 0.065 THEN 'withdrew' ELSE 'none' END AS ev_kind,
       0.15 + 0.7 * _u(cohort_id, k, 'evpos') AS ev_frac, _u(cohort_id, k, 'return') AS ret_u
FROM b;
INSERT INTO participants SELECT participant_id, cohort_id FROM _part ORDER BY participant_id;
CREATE TEMP TABLE _grp AS
WITH b AS (SELECT cohort_id, years, unnest(range(n_groups)) AS g FROM _coh)
SELECT CAST(row_number() OVER (ORDER BY cohort_id, g) AS INTEGER) AS group_id, cohort_id, CAST(g AS INTEGER) AS g,
       'Group ' || lpad(CAST(g + 1 AS VARCHAR), 2, '0') AS name,
       years >= 3 AND _u(cohort_id, g, 'fade') < 0.06 AS fade
FROM b;
INSERT INTO groups SELECT group_id, cohort_id, name FROM _grp;
