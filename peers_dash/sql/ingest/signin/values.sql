-- The values the view incoming (normalise.sql) needs, as two small temp tables: the file's name, and what
-- each status spelling means.
-- $file: the file's name; $spellings, $values: each spelling and its status, in the same order.
CREATE OR REPLACE TEMP TABLE incoming_file AS SELECT CAST($file AS VARCHAR) AS name;
CREATE OR REPLACE TEMP TABLE status_map AS SELECT unnest($spellings) AS spelling, unnest($values) AS value;
