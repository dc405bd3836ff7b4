-- The demo build's connection: its threads, no progress bar, big INSERT ... SELECT without buffering for
-- order, and the seed every random choice is made from (helpers.sql).
-- $threads: how many threads DuckDB may use; $seed: the demo's seed (same seed, same data).
SET threads = $threads;
SET enable_progress_bar = false;
SET preserve_insertion_order = false;
SET VARIABLE demo_seed = CAST($seed AS BIGINT);
