-- Schema version 8: program changes, targets and benchmarks an administrator records (issue 13): a new
-- curriculum, a move to virtual sessions. Every trend marks them and compares the years before with the years
-- from then on. Words and a date only: no person is named, and no figure is stored here.
CREATE TABLE IF NOT EXISTS program_changes (
    change_id       INTEGER PRIMARY KEY,
    changed_on      DATE NOT NULL,
    words           VARCHAR NOT NULL,
    institution_id  INTEGER,   -- NULL: every institution
    program_id      INTEGER,   -- NULL: every program (of the institution, when one is named)
    recorded_by     VARCHAR,
    recorded_at     TIMESTAMP
);

-- A line drawn on a figure's charts: the office's target, or a published benchmark with its source.
CREATE TABLE IF NOT EXISTS reference_lines (
    ref_id          INTEGER PRIMARY KEY,
    kind            VARCHAR NOT NULL,   -- 'target' or 'benchmark'
    figure          VARCHAR NOT NULL,   -- 'attendance_rate', 'reach', 'response_rate', or a survey measure's key
    shown_as        VARCHAR NOT NULL,   -- 'share' (value 0-1) or 'mean' (value on the measure's scale)
    value           DOUBLE NOT NULL,
    source          VARCHAR,            -- a benchmark's citation (required); a target's words (optional)
    institution_id  INTEGER,            -- NULL: every institution
    recorded_by     VARCHAR,
    recorded_at     TIMESTAMP
);
