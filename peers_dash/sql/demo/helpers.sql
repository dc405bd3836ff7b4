-- The helpers the demo's steps share, TEMP (they vanish with the connection). Every random choice is
-- _u(key1, key2, 'purpose'), a uniform number from hash(seed, keys, purpose) (the seed is the variable
-- demo_seed: settings.sql), so a seed gives the same rows whatever plan DuckDB picks; _pick(key1, key2,
-- 'purpose', n) is a whole number below n, _clamp(x, lo, hi) bounds x. The tables _tmpl (program templates),
-- _sched (the session plans) and _it (how each item is answered) are filled from the frames demo_templates,
-- demo_schedule and demo_items that peers_dash.store.demo registers (demo.PROGRAM_TEMPLATES, MD_PLAN, MONTHLY_PLAN,
-- ITEM_MODELS).
CREATE OR REPLACE TEMP MACRO _u(a, b, p) AS (hash(getvariable('demo_seed'), a, b, p) % 1000003) / 1000003.0;
CREATE OR REPLACE TEMP MACRO _pick(a, b, p, n) AS CAST(hash(getvariable('demo_seed'), a, b, p) % n AS INTEGER);
CREATE OR REPLACE TEMP MACRO _clamp(x, lo, hi) AS least(hi, greatest(lo, x));

CREATE TEMP TABLE _tmpl (t INTEGER, name VARCHAR, kind VARCHAR, years INTEGER, first_class_year INTEGER,
                         size INTEGER, joined INTEGER);
INSERT INTO _tmpl BY NAME SELECT * FROM demo_templates;

CREATE TEMP TABLE _sched (plan VARCHAR, n INTEGER, cy INTEGER, month INTEGER, topic VARCHAR);
INSERT INTO _sched BY NAME SELECT * FROM demo_schedule;

CREATE TEMP TABLE _it (item_id VARCHAR, wkind VARCHAR, model VARCHAR, pos INTEGER, shift DOUBLE, reverse BOOLEAN);
INSERT INTO _it BY NAME SELECT * FROM demo_items;
