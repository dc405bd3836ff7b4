-- Schema version 3: the import log (every import and undo), and where survey data came from.

CREATE TABLE IF NOT EXISTS imports (
    import_id      INTEGER PRIMARY KEY,
    kind           VARCHAR NOT NULL,     -- roster, sessions, attendance, survey, undo
    file_name      VARCHAR NOT NULL,
    content_hash   VARCHAR NOT NULL,     -- sha256 of the file's bytes
    source         VARCHAR NOT NULL,     -- the key its rows are stored under (attendance.source, responses.source)
    target         VARCHAR,              -- what it replaced: a session, a wave
    imported_at    TIMESTAMP NOT NULL,
    imported_by    VARCHAR NOT NULL,
    rows_added     INTEGER NOT NULL,
    rows_replaced  INTEGER NOT NULL,
    rows_rejected  INTEGER NOT NULL,
    warnings       INTEGER NOT NULL DEFAULT 0,
    status         VARCHAR NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'undone')),
    data_version   INTEGER               -- the data version this import produced
);
