-- Set one metadata value (peers_dash.store.db.set_meta, the catalogue's digest): inserted, or replacing the key's value.
-- $key: the key ('data_version', 'min_cell_size', ...); $value: its value, as text.
INSERT INTO meta VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;
