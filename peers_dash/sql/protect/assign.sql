-- Where each new finest cell of a family is published, decided once and kept (so that a later change never
-- moves a few people from one published cell to another). Parameters: $family, $min_n, $apart_share.
-- Input (temp table): atoms(atomic, r1, r2, n, k_cohort, cohort_groups): every finest cell with the keys of
-- the two combined cells it could join (r2 may be NULL: no second rung), its people, its cohort and how many
-- PEERS groups that cohort has (0: none known, as in a survey-only office).
-- A cell of at least N people is published alone (rung 0), unless its cohort is a single PEERS group: a
-- figure of that cohort would be one group's. A smaller one joins the cell of rung 1 (its class, bands
-- combined; not for a single-group cohort either) when that cell (with its members so far) reaches N, else the
-- cell of rung 2 (its program's wave) when that one reaches N and spans more than one group; else it waits for
-- more data and is left out meanwhile. Where the small cells of a rung-1 cell hold more than $apart_share of
-- its people, they take their new siblings along (all attendance bands of a class year go together): setting
-- a large part of a class apart would tilt its figure towards the bands that are large. A share of 1 never
-- takes siblings along.

CREATE OR REPLACE TEMP TABLE a_new AS
SELECT * FROM atoms WHERE atomic NOT IN (SELECT atomic FROM pub_assign WHERE family = $family);

CREATE OR REPLACE TEMP TABLE a_small AS
WITH classes AS (
    SELECT r1, coalesce(sum(n) FILTER (WHERE n < $min_n), 0) AS small, sum(n) AS total FROM a_new GROUP BY r1
)
SELECT a.*
FROM a_new a JOIN classes c ON c.r1 = a.r1
WHERE a.n < $min_n OR a.cohort_groups = 1 OR c.small > $apart_share * c.total;

INSERT INTO pub_assign
SELECT $family, atomic, atomic, 0 FROM a_new WHERE atomic NOT IN (SELECT atomic FROM a_small);

INSERT INTO pub_assign
WITH pool AS (
    SELECT r1 AS cell, n FROM a_small WHERE cohort_groups <> 1
    UNION ALL
    SELECT p.cell, t.n FROM pub_assign p JOIN atoms t ON t.atomic = p.atomic WHERE p.family = $family AND p.rung = 1
),
big AS (SELECT cell FROM pool GROUP BY cell HAVING sum(n) >= $min_n)
SELECT $family, atomic, r1, 1 FROM a_small WHERE r1 IN (SELECT cell FROM big) AND cohort_groups <> 1;

INSERT INTO pub_assign
WITH waiting AS (
    SELECT * FROM a_small
    WHERE r2 IS NOT NULL AND atomic NOT IN (SELECT atomic FROM pub_assign WHERE family = $family)
),
pool AS (
    SELECT r2 AS cell, n, k_cohort, cohort_groups FROM waiting
    UNION ALL
    SELECT p.cell, t.n, t.k_cohort, t.cohort_groups
    FROM pub_assign p JOIN atoms t ON t.atomic = p.atomic WHERE p.family = $family AND p.rung = 2
),
spread AS (  -- groups a combined cell spans: a single-group cohort counts one, any other cohort two or more
    SELECT cell, sum(CASE WHEN cohort_groups = 1 THEN 1 ELSE 2 END) AS spread
    FROM (SELECT DISTINCT cell, k_cohort, cohort_groups FROM pool)
    GROUP BY cell
),
big AS (
    SELECT cell FROM pool GROUP BY cell
    HAVING sum(n) >= $min_n AND cell IN (SELECT cell FROM spread WHERE spread >= 2)
)
SELECT $family, atomic, r2, 2 FROM waiting WHERE r2 IN (SELECT cell FROM big);
