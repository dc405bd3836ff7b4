-- Schema version 1: the tables. See docs/DATA_MODEL.md for what each column means.
-- Academic years are stored as the calendar year they start in (2020 = "2020-21", July to June).
-- Fact tables (attendance, answers) carry no primary key: at national scale an index over tens of
-- millions of rows costs more memory than it is worth; the writer keeps them unique per key.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE institutions (
    institution_id INTEGER PRIMARY KEY,
    name           VARCHAR NOT NULL UNIQUE
);

CREATE TABLE programs (
    program_id       INTEGER PRIMARY KEY,
    institution_id   INTEGER NOT NULL REFERENCES institutions (institution_id),
    name             VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL CHECK (kind IN ('md', 'residency', 'fellowship', 'graduate')),
    years            INTEGER NOT NULL CHECK (years BETWEEN 1 AND 8),   -- length of training
    first_class_year INTEGER NOT NULL DEFAULT 1,  -- a fellow's first year is PGY4 or later
    joined_year      INTEGER NOT NULL,            -- academic year the program started PEERS
    UNIQUE (institution_id, name)
);

CREATE TABLE cohorts (
    cohort_id  INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (program_id),
    name       VARCHAR NOT NULL,                  -- "MD Class of 2024"
    entry_year INTEGER NOT NULL,                  -- academic year of the first class year
    grad_year  INTEGER NOT NULL,
    UNIQUE (program_id, grad_year)
);

CREATE TABLE groups (
    group_id  INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts (cohort_id),
    name      VARCHAR NOT NULL,                   -- "Group 07"
    UNIQUE (cohort_id, name)
);

CREATE TABLE facilitators (
    facilitator_id INTEGER PRIMARY KEY,           -- pseudonymous
    role           VARCHAR NOT NULL CHECK (role IN ('faculty', 'resident', 'senior_student', 'staff'))
);

CREATE TABLE group_facilitators (
    group_id       INTEGER NOT NULL REFERENCES groups (group_id),
    facilitator_id INTEGER NOT NULL REFERENCES facilitators (facilitator_id),
    start_date     DATE NOT NULL,
    end_date       DATE,                          -- NULL: still facilitating
    PRIMARY KEY (group_id, facilitator_id, start_date)
);

CREATE TABLE participants (
    participant_id INTEGER PRIMARY KEY,           -- pseudonymous; names live only in the roster file
    cohort_id      INTEGER NOT NULL REFERENCES cohorts (cohort_id)
);

-- A participant's time in a group: a leave of absence ends one membership and a return starts
-- another; a transfer ends one and starts one in another group.
CREATE TABLE memberships (
    participant_id INTEGER NOT NULL REFERENCES participants (participant_id),
    group_id       INTEGER NOT NULL REFERENCES groups (group_id),
    start_date     DATE NOT NULL,
    end_date       DATE,                          -- NULL: still a member; else last day as a member
    end_reason     VARCHAR CHECK (end_reason IN ('graduated', 'leave', 'transfer', 'withdrew')),
    PRIMARY KEY (participant_id, start_date)
);

CREATE TABLE sessions (
    session_id     BIGINT PRIMARY KEY,
    group_id       INTEGER NOT NULL REFERENCES groups (group_id),
    session_number INTEGER NOT NULL CHECK (session_number BETWEEN 1 AND 10),
    topic          VARCHAR NOT NULL,
    session_date   DATE NOT NULL,
    start_time     TIME,
    length_min     INTEGER CHECK (length_min > 0),
    modality       VARCHAR NOT NULL CHECK (modality IN ('in_person', 'virtual', 'hybrid'))
);

CREATE TABLE attendance (
    session_id     BIGINT NOT NULL,
    participant_id INTEGER NOT NULL,
    status         VARCHAR NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
    minutes        INTEGER CHECK (minutes >= 0),
    source         VARCHAR NOT NULL               -- which import (or 'demo') wrote the row
);

CREATE TABLE instruments (
    instrument_id    VARCHAR PRIMARY KEY,         -- 'peers', 'pss4', 'ucla3', ...
    name             VARCHAR NOT NULL,
    construct        VARCHAR NOT NULL,
    scored           BOOLEAN NOT NULL DEFAULT false, -- true: items add up to a total score
    score_min        INTEGER,
    score_max        INTEGER,
    higher_is_better BOOLEAN
);

CREATE TABLE items (
    item_id          VARCHAR PRIMARY KEY,
    instrument_id    VARCHAR NOT NULL REFERENCES instruments (instrument_id),
    position         INTEGER NOT NULL,
    item_text        VARCHAR NOT NULL,
    short_label      VARCHAR NOT NULL,
    construct        VARCHAR NOT NULL,            -- perceived support, community, coping skills, ...
    response_type    VARCHAR NOT NULL CHECK (response_type IN ('scale', 'yes_no', 'text')),
    scale_min        INTEGER,
    scale_max        INTEGER,
    scale_labels     VARCHAR[],                   -- one label per point, scale_min first
    reverse_scored   BOOLEAN NOT NULL DEFAULT false,
    favorable_min    INTEGER,                     -- favourable band; NULL where the item has none
    favorable_max    INTEGER,
    higher_is_better BOOLEAN                      -- NULL for free text
);

CREATE TABLE survey_waves (
    wave_id        INTEGER PRIMARY KEY,
    name           VARCHAR NOT NULL UNIQUE,
    kind           VARCHAR NOT NULL CHECK (kind IN ('annual', 'post_session')),
    academic_year  INTEGER NOT NULL,
    institution_id INTEGER REFERENCES institutions (institution_id),
    session_number INTEGER,                       -- post-session feedback: which session
    topic          VARCHAR,
    opened         DATE,
    closed         DATE
);

-- The eligible population of a wave, per cohort.
CREATE TABLE wave_eligible (
    wave_id    INTEGER NOT NULL REFERENCES survey_waves (wave_id),
    cohort_id  INTEGER NOT NULL REFERENCES cohorts (cohort_id),
    class_year VARCHAR NOT NULL,
    n_eligible INTEGER NOT NULL CHECK (n_eligible >= 0),
    PRIMARY KEY (wave_id, cohort_id)
);

-- A response carries where the respondent stood, fixed at import, under its own id. It is never
-- linked to a participant.
CREATE TABLE responses (
    response_id     BIGINT NOT NULL,
    wave_id         INTEGER NOT NULL,
    program_id      INTEGER NOT NULL,
    cohort_id       INTEGER,
    class_year      VARCHAR,
    attendance_band VARCHAR,                      -- '0-3', '4-7', '8-10' sessions attended
    source          VARCHAR NOT NULL
);

CREATE TABLE answers (
    response_id BIGINT NOT NULL,
    item_id     VARCHAR NOT NULL,
    value       DOUBLE,                           -- scale and yes/no (1 yes, 0 no) answers
    text_value  VARCHAR                           -- free text
);
