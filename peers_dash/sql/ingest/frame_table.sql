-- A small frame an import registered as frame_rows, as a temp table.
-- {name}: the temp table's name (a code constant: group_map, person_map, meeting_rows, new_members).
CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM frame_rows;
