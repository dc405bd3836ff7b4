-- Schema version 8: program changes an administrator records (issue 13): a new curriculum, a move to virtual
-- sessions. Every trend marks them and compares the years before with the years from then on. Words and a
-- date only: no person is named, and no figure is stored here.
CREATE TABLE IF NOT EXISTS program_changes (
    change_id       INTEGER PRIMARY KEY,
    changed_on      DATE NOT NULL,
    words           VARCHAR NOT NULL,
    institution_id  INTEGER,   -- NULL: every institution
    program_id      INTEGER,   -- NULL: every program (of the institution, when one is named)
    recorded_by     VARCHAR,
    recorded_at     TIMESTAMP
);
