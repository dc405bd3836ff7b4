-- An institution: the one a roster's new programs belong to, added unless the database has it; a new
-- database's first (peers_dash.ingest.pipeline.init_database).
-- $institution_id: its id; $name: its name.
INSERT INTO institutions VALUES ($institution_id, $name) ON CONFLICT DO NOTHING;
