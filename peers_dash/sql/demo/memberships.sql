-- Memberships (and the temp table _ms): from the cohort's start to graduation, cut by a leave, transfer or
-- withdrawal; a transfer starts a membership in the next group, and most leaves return about a year later.
-- $as_of: the day the data runs to (demo.DATA_AS_OF): nothing happens after it
CREATE TEMP TABLE _ms AS
WITH b AS (
    SELECT p.participant_id, p.cohort_id, p.g, c.n_groups, p.ev_kind, p.ret_u,
           make_date(greatest(c.entry_year, c.joined_year), 7, 1) AS s0,
           make_date(c.grad_year, 6, 30) AS g_end, p.ev_frac
    FROM _part p JOIN _coh c USING (cohort_id)
), e AS (
    SELECT *, s0 + CAST(floor(ev_frac * (g_end - s0)) AS INTEGER) AS ev,
           CASE WHEN g_end > $as_of THEN NULL ELSE g_end END AS nat_end,
           CASE WHEN g_end > $as_of THEN NULL ELSE 'graduated' END AS nat_reason
    FROM b
), f AS (
    SELECT *, CASE WHEN ev >= $as_of OR (ev_kind = 'transfer' AND n_groups = 1) THEN 'none' ELSE ev_kind END AS evk,
           ev + 330 + _pick(participant_id, 0, 'retday', 70) AS ret
    FROM e
), m AS (
    SELECT participant_id, cohort_id, g, s0 AS start_date,
           CASE WHEN evk = 'none' THEN nat_end ELSE ev END AS end_date,
           CASE WHEN evk = 'none' THEN nat_reason ELSE evk END AS end_reason
    FROM f
    UNION ALL
    SELECT participant_id, cohort_id, (g + 1) % n_groups, ev + 1, nat_end, nat_reason FROM f WHERE evk = 'transfer'
    UNION ALL
    SELECT participant_id, cohort_id, g, ret, nat_end, nat_reason
    FROM f WHERE evk = 'leave' AND ret_u < 0.6 AND ret < g_end AND ret <= $as_of
)
SELECT m.participant_id, gr.group_id, m.start_date, m.end_date, m.end_reason
FROM m JOIN _grp gr ON gr.cohort_id = m.cohort_id AND gr.g = m.g;
INSERT INTO memberships SELECT * FROM _ms ORDER BY participant_id, start_date;
