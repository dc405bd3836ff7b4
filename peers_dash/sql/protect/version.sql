-- The version rule of one family of cells: which content each cell in scope is published with.
-- Parameters: $family, $min_n (the rule's N), $rev (the data version being written).
-- Inputs (temp tables): cand(cell, token, n, ...): the content of every cell in scope that passes its
-- threshold; scope(cell): every cell being decided.
-- A cell shows the candidate content when it was never published, when that exact content was published
-- before, or when, against every content it was ever published with, at least N people's tokens were added
-- (or none) and at least N removed (or none). Otherwise it keeps what it shows (held back). A cell whose
-- candidate is below the threshold is no longer published. So the difference between any two versions of a
-- cell is nothing, a whole published content, or a change of at least N people.

CREATE OR REPLACE TEMP TABLE v_cur AS
SELECT cell, token, n FROM pub_content WHERE family = $family AND cell IN (SELECT cell FROM scope);

CREATE OR REPLACE TEMP TABLE v_changed AS
SELECT DISTINCT coalesce(c.cell, p.cell) AS cell
FROM (SELECT cell, token, n FROM cand) c
FULL JOIN v_cur p ON p.cell = c.cell AND p.token = c.token
WHERE c.n IS DISTINCT FROM p.n;

CREATE OR REPLACE TEMP TABLE v_cmp AS
WITH revs AS (
    SELECT DISTINCT h.cell, h.rev
    FROM pub_hist h
    WHERE h.family = $family
      AND h.cell IN (SELECT cell FROM v_changed)
      AND h.cell IN (SELECT cell FROM cand)
),
c AS (
    SELECT r.cell, r.rev, c.token, c.n FROM revs r JOIN cand c ON c.cell = r.cell
),
h AS (
    SELECT h.cell, h.rev, h.token, h.n FROM pub_hist h JOIN revs r ON r.cell = h.cell AND r.rev = h.rev
    WHERE h.family = $family
)
SELECT coalesce(c.cell, h.cell) AS cell,
       coalesce(c.rev, h.rev) AS rev,
       sum(greatest(coalesce(c.n, 0) - coalesce(h.n, 0), 0)) AS added,
       sum(greatest(coalesce(h.n, 0) - coalesce(c.n, 0), 0)) AS removed
FROM c FULL JOIN h ON c.cell = h.cell AND c.rev = h.rev AND c.token = h.token
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE v_decision AS
WITH verdict AS (
    SELECT cell,
           max(rev) FILTER (WHERE added = 0 AND removed = 0) AS same_rev,
           bool_and((added = 0 OR added >= $min_n) AND (removed = 0 OR removed >= $min_n)) AS far_enough
    FROM v_cmp
    GROUP BY cell
)
SELECT ch.cell,
       CASE WHEN ch.cell NOT IN (SELECT cell FROM cand) THEN 'hide'
            WHEN v.cell IS NULL THEN 'new'
            WHEN v.same_rev IS NOT NULL THEN 'same'
            WHEN v.far_enough THEN 'new'
            ELSE 'hold' END AS decision,
       v.same_rev
FROM v_changed ch
LEFT JOIN verdict v ON v.cell = ch.cell;

DELETE FROM pub_state
WHERE family = $family AND cell IN (SELECT cell FROM v_decision WHERE decision IN ('hide', 'new', 'same'));

INSERT INTO pub_hist
SELECT $family, c.cell, $rev, c.token, c.n
FROM cand c JOIN v_decision d ON d.cell = c.cell
WHERE d.decision = 'new';

INSERT INTO pub_state
SELECT $family, cell, CASE decision WHEN 'new' THEN $rev ELSE same_rev END
FROM v_decision
WHERE decision IN ('new', 'same');

DELETE FROM pub_held WHERE family = $family AND cell IN (SELECT cell FROM scope);

INSERT INTO pub_held SELECT $family, cell FROM v_decision WHERE decision = 'hold';
