-- The version rule of one family of cells: which content each cell in scope is published with.
-- Parameters: $family, $min_n (the rule's N), $rev (the data version being written).
-- Inputs (temp tables): cand(cell, token, n): the content of every cell in scope that passes its threshold;
-- scope(cell): every cell being decided.
--
-- Every content a cell is ever published with must be comparable with every other one: one holds all of the
-- other (token by token) and at least N more. So the published contents of a cell form a chain, each a
-- batch of at least N people larger than the one before, and any sum or difference of versions is a union of
-- whole batches, never a few people. A cell shows its candidate content when it was never published, when
-- that exact content was published before under at least this N, or when the candidate is comparable with
-- every other earlier content by at least N (a content equal to one decided with a smaller N must pass this
-- too: it was never checked under this N). Otherwise it keeps what it shows (held back), unless what it shows
-- was decided with a smaller N: then it falls back to its latest content decided with at least this N, or is
-- no longer published. A cell whose candidate is below the threshold is no longer published.

CREATE OR REPLACE TEMP TABLE v_cur AS
SELECT s.cell, h.token, h.n, h.min_n
FROM pub_state s
JOIN pub_hist h ON h.family = s.family AND h.cell = s.cell AND h.rev = s.rev
WHERE s.family = $family AND s.cell IN (SELECT cell FROM scope);

CREATE OR REPLACE TEMP TABLE v_changed AS
SELECT DISTINCT coalesce(c.cell, p.cell) AS cell
FROM (SELECT cell, token, n FROM cand) c
FULL JOIN v_cur p ON p.cell = c.cell AND p.token = c.token
WHERE c.n IS DISTINCT FROM p.n
UNION
SELECT cell FROM v_cur WHERE min_n < $min_n;

CREATE OR REPLACE TEMP TABLE v_cmp AS
WITH revs AS (
    SELECT DISTINCT h.cell, h.rev, h.min_n
    FROM pub_hist h
    WHERE h.family = $family AND h.cell IN (SELECT cell FROM v_changed)
),
c AS (
    SELECT r.cell, r.rev, c.token, c.n FROM revs r JOIN cand c ON c.cell = r.cell
),
h AS (
    SELECT h.cell, h.rev, h.token, h.n FROM pub_hist h JOIN revs r ON r.cell = h.cell AND r.rev = h.rev
    WHERE h.family = $family
),
d AS (
    SELECT coalesce(c.cell, h.cell) AS cell,
           coalesce(c.rev, h.rev) AS rev,
           sum(greatest(coalesce(c.n, 0) - coalesce(h.n, 0), 0)) AS added,
           sum(greatest(coalesce(h.n, 0) - coalesce(c.n, 0), 0)) AS removed
    FROM c FULL JOIN h ON c.cell = h.cell AND c.rev = h.rev AND c.token = h.token
    GROUP BY ALL
)
SELECT d.*, r.min_n FROM d JOIN revs r ON r.cell = d.cell AND r.rev = d.rev;

CREATE OR REPLACE TEMP TABLE v_decision AS
WITH verdict AS (
    SELECT cell,
           max(rev) FILTER (WHERE added = 0 AND removed = 0 AND min_n >= $min_n) AS same_rev,
           bool_and((added = 0 AND removed = 0) OR (added = 0 AND removed >= $min_n)
                    OR (removed = 0 AND added >= $min_n)) AS comparable
    FROM v_cmp
    GROUP BY cell
),
fallback AS (  -- the latest content decided with at least this N, for a cell whose shown one was not
    SELECT cell, max(rev) AS rev FROM v_cmp WHERE min_n >= $min_n GROUP BY cell
),
weak AS (SELECT DISTINCT cell FROM v_cur WHERE min_n < $min_n)
SELECT ch.cell,
       CASE WHEN ch.cell NOT IN (SELECT cell FROM cand) THEN 'hide'
            WHEN v.cell IS NULL THEN 'new'
            WHEN v.same_rev IS NOT NULL THEN 'same'
            WHEN v.comparable THEN 'new'
            WHEN ch.cell IN (SELECT cell FROM weak) AND f.rev IS NOT NULL THEN 'fallback'
            WHEN ch.cell IN (SELECT cell FROM weak) THEN 'hide'
            ELSE 'hold' END AS decision,
       CASE WHEN v.same_rev IS NOT NULL THEN v.same_rev ELSE f.rev END AS same_rev
FROM v_changed ch
LEFT JOIN verdict v ON v.cell = ch.cell
LEFT JOIN fallback f ON f.cell = ch.cell;

DELETE FROM pub_state
WHERE family = $family
  AND cell IN (SELECT cell FROM v_decision WHERE decision IN ('hide', 'new', 'same', 'fallback'));

INSERT INTO pub_hist (family, cell, rev, min_n, token, n)
SELECT $family, c.cell, $rev, $min_n, c.token, c.n
FROM cand c JOIN v_decision d ON d.cell = c.cell
WHERE d.decision = 'new';

INSERT INTO pub_state (family, cell, rev)
SELECT $family, cell, CASE decision WHEN 'new' THEN $rev ELSE same_rev END
FROM v_decision
WHERE decision IN ('new', 'same', 'fallback');

DELETE FROM pub_held WHERE family = $family AND cell IN (SELECT cell FROM scope);

INSERT INTO pub_held (family, cell) SELECT $family, cell FROM v_decision WHERE decision IN ('hold', 'fallback');
