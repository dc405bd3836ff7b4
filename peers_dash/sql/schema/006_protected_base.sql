-- Schema version 6: protect first, then aggregate (docs/PRIVACY.md). The writer decides once per write
-- which cells of each base table may be published (sql/protect/), and the dashboard reads only the
-- published cells (pub_* tables); every figure is a sum over them.

-- Every content a cell has ever been published with: family (which base table), cell (its key as text),
-- rev (the data version that first published this content), min_n (the minimum it was decided with), token
-- (an answer value, a status, ...) and n (how many people gave that token). A later content of the same cell
-- is published only if it holds all of each earlier one and at least N more, or is held by each and at least N
-- fewer (sql/protect/version.sql), so no sum of versions singles anyone out.
CREATE TABLE IF NOT EXISTS pub_hist (
    family VARCHAR NOT NULL,
    cell   VARCHAR NOT NULL,
    rev    INTEGER NOT NULL,
    min_n  INTEGER NOT NULL,
    token  VARCHAR NOT NULL,
    n      BIGINT NOT NULL
);

-- The revision each cell shows now (a cell with no row here is not published).
CREATE TABLE IF NOT EXISTS pub_state (
    family VARCHAR NOT NULL,
    cell   VARCHAR NOT NULL,
    rev    INTEGER NOT NULL
);

-- Where a small survey cell is published, decided the first time it is seen and never changed: in itself
-- (rung 0), with the other attendance bands of its class (rung 1) or with the rest of its program's wave
-- (rung 2).
CREATE TABLE IF NOT EXISTS pub_assign (
    family VARCHAR NOT NULL,
    atomic VARCHAR NOT NULL,
    cell   VARCHAR NOT NULL,
    rung   INTEGER NOT NULL
);

-- Cells whose data changed by fewer than N people since they were published: they keep showing the
-- published content until the change is large enough.
CREATE TABLE IF NOT EXISTS pub_held (
    family VARCHAR NOT NULL,
    cell   VARCHAR NOT NULL
);

-- Published attendance of single sessions of a group (analysts' group views).
CREATE TABLE IF NOT EXISTS pub_sessions (
    cell           VARCHAR NOT NULL,
    session_id     BIGINT NOT NULL,
    institution_id INTEGER NOT NULL,
    program_id     INTEGER NOT NULL,
    program_kind   VARCHAR NOT NULL,
    cohort_id      INTEGER NOT NULL,
    group_id       INTEGER NOT NULL,
    ay             INTEGER NOT NULL,
    class_year     VARCHAR NOT NULL,
    session_number INTEGER NOT NULL,
    topic          VARCHAR NOT NULL,
    modality       VARCHAR NOT NULL,
    n_groups       INTEGER NOT NULL,
    n_sessions     INTEGER NOT NULL,
    n_present      BIGINT NOT NULL,
    n_absent       BIGINT NOT NULL,
    n_excused      BIGINT NOT NULL
);

-- Published people of a group in an academic year, starting members and later joiners apart.
CREATE TABLE IF NOT EXISTS pub_group_years (
    cell           VARCHAR NOT NULL,
    group_id       INTEGER NOT NULL,
    institution_id INTEGER NOT NULL,
    program_id     INTEGER NOT NULL,
    program_kind   VARCHAR NOT NULL,
    cohort_id      INTEGER NOT NULL,
    ay             INTEGER NOT NULL,
    class_year     VARCHAR NOT NULL,
    first_ay       INTEGER NOT NULL,
    starter        BOOLEAN NOT NULL,
    n_groups       INTEGER NOT NULL,
    n_people       BIGINT NOT NULL,
    n_reached      BIGINT NOT NULL
);

-- Published answers: respondents per answer value in a cell (one wave; a class year and attendance band,
-- or these combined where they were too small).
CREATE TABLE IF NOT EXISTS pub_answers (
    cell            VARCHAR NOT NULL,
    wave_id         INTEGER NOT NULL,
    wave_kind       VARCHAR NOT NULL,
    ay              INTEGER NOT NULL,
    session_number  INTEGER,
    topic           VARCHAR,
    institution_id  INTEGER NOT NULL,
    program_id      INTEGER NOT NULL,
    program_kind    VARCHAR NOT NULL,
    cohort_id       INTEGER,
    class_year      VARCHAR,
    attendance_band VARCHAR,
    item_id         VARCHAR NOT NULL,
    value           DOUBLE NOT NULL,
    n               BIGINT NOT NULL
);

-- Published scale totals (complete answers only): respondents per total.
CREATE TABLE IF NOT EXISTS pub_scores (
    cell            VARCHAR NOT NULL,
    wave_id         INTEGER NOT NULL,
    wave_kind       VARCHAR NOT NULL,
    ay              INTEGER NOT NULL,
    session_number  INTEGER,
    topic           VARCHAR,
    institution_id  INTEGER NOT NULL,
    program_id      INTEGER NOT NULL,
    program_kind    VARCHAR NOT NULL,
    cohort_id       INTEGER,
    class_year      VARCHAR,
    attendance_band VARCHAR,
    instrument_id   VARCHAR NOT NULL,
    score           DOUBLE NOT NULL,
    n               BIGINT NOT NULL
);

-- Published response counts: eligible people and respondents of a wave, per cohort (or combined).
CREATE TABLE IF NOT EXISTS pub_response_rates (
    cell           VARCHAR NOT NULL,
    wave_id        INTEGER NOT NULL,
    wave_kind      VARCHAR NOT NULL,
    ay             INTEGER NOT NULL,
    session_number INTEGER,
    institution_id INTEGER NOT NULL,
    program_id     INTEGER NOT NULL,
    program_kind   VARCHAR NOT NULL,
    cohort_id      INTEGER,
    class_year     VARCHAR,
    n_eligible     BIGINT NOT NULL,
    n_responded    BIGINT NOT NULL
);

-- Published comments: the free text of one program's annual survey wave, shown only as a whole.
CREATE TABLE IF NOT EXISTS pub_comments (
    cell           VARCHAR NOT NULL,
    wave_id        INTEGER NOT NULL,
    ay             INTEGER NOT NULL,
    institution_id INTEGER NOT NULL,
    program_id     INTEGER NOT NULL,
    comment        VARCHAR NOT NULL,
    n              BIGINT NOT NULL
);

-- Free text is published only through pub_comments now.
DROP TABLE IF EXISTS comment_facts;
