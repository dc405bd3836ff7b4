-- The helper macros, the fact views the dashboard queries, and the analyst views documented in
-- docs/DATA_MODEL.md. Re-created after every migration, so they always match the tables.

CREATE OR REPLACE MACRO ay_start(d) AS
    CAST(year(d) - CASE WHEN month(d) < 7 THEN 1 ELSE 0 END AS INTEGER);

CREATE OR REPLACE MACRO ay_label(y) AS
    CAST(y AS VARCHAR) || '-' || lpad(CAST((y + 1) % 100 AS VARCHAR), 2, '0');

CREATE OR REPLACE MACRO class_year_label(kind, n) AS
    (CASE kind WHEN 'md' THEN 'MS' WHEN 'graduate' THEN 'G' ELSE 'PGY' END) || CAST(n AS VARCHAR);

-- Sort key for class-year labels: MS1..MS4, then PGY1..PGY7, then G1..G6.
CREATE OR REPLACE MACRO class_year_order(label) AS
    (CASE WHEN label LIKE 'MS%' THEN 0 WHEN label LIKE 'PGY%' THEN 100 WHEN label LIKE 'G%' THEN 200 ELSE 300 END)
    + coalesce(TRY_CAST(regexp_extract(label, '[0-9]+$') AS INTEGER), 0);

-- One row per session with every dimension the filters use (ids, not names).
CREATE OR REPLACE VIEW session_dims AS
SELECT s.session_id,
       p.institution_id,
       c.program_id,
       p.kind AS program_kind,
       g.cohort_id,
       s.group_id,
       ay_start(s.session_date) AS ay,
       class_year_label(p.kind, ay_start(s.session_date) - c.entry_year + p.first_class_year) AS class_year,
       s.session_number,
       s.topic,
       s.session_date,
       s.modality
FROM sessions s
JOIN groups g ON g.group_id = s.group_id
JOIN cohorts c ON c.cohort_id = g.cohort_id
JOIN programs p ON p.program_id = c.program_id;

-- One row per participant per session, with its session's dimensions. The dashboard's rollups read its
-- materialised copy, the table attendance_facts (sql/rollups/attendance_facts.sql).
CREATE OR REPLACE VIEW attendance_facts_live AS
SELECT d.institution_id,
       d.program_id,
       d.program_kind,
       d.cohort_id,
       d.group_id,
       d.session_id,
       d.ay,
       d.class_year,
       d.session_number,
       d.topic,
       d.session_date,
       d.modality,
       a.participant_id,
       a.status,
       a.minutes
FROM attendance a
JOIN session_dims d ON d.session_id = a.session_id;

-- One row per answer, with the respondent's program, cohort, class year and attendance band.
CREATE OR REPLACE VIEW answer_facts AS
SELECT w.wave_id,
       w.kind AS wave_kind,
       w.academic_year AS ay,
       w.session_number,
       w.topic,
       p.institution_id,
       r.program_id,
       p.kind AS program_kind,
       r.cohort_id,
       r.class_year,
       r.attendance_band,
       r.response_id,
       a.item_id,
       i.instrument_id,
       i.is_total,
       a.value,
       a.text_value,
       CASE WHEN i.reverse_scored THEN i.scale_min + i.scale_max - a.value ELSE a.value END AS scored_value,
       CASE WHEN i.favorable_min IS NULL OR a.value IS NULL THEN NULL
            ELSE a.value BETWEEN i.favorable_min AND i.favorable_max END AS favorable
FROM answers a
JOIN responses r ON r.response_id = a.response_id
JOIN survey_waves w ON w.wave_id = r.wave_id
JOIN programs p ON p.program_id = r.program_id
JOIN items i ON i.item_id = a.item_id;

-- One row per response, with where the respondent stood (for counting respondents in a view).
CREATE OR REPLACE VIEW response_facts AS
SELECT r.response_id,
       r.wave_id,
       w.kind AS wave_kind,
       w.academic_year AS ay,
       p.institution_id,
       r.program_id,
       r.cohort_id,
       r.class_year
FROM responses r
JOIN survey_waves w ON w.wave_id = r.wave_id
JOIN programs p ON p.program_id = r.program_id;

-- One row per wave and cohort: who was eligible and how many responded.
CREATE OR REPLACE VIEW response_rate_facts AS
WITH responded AS (
    SELECT wave_id, cohort_id, count(*) AS n_responded
    FROM responses
    GROUP BY ALL
)
SELECT w.wave_id,
       w.kind AS wave_kind,
       w.academic_year AS ay,
       w.session_number,
       p.institution_id,
       c.program_id,
       p.kind AS program_kind,
       e.cohort_id,
       e.class_year,
       e.n_eligible,
       coalesce(r.n_responded, 0) AS n_responded
FROM wave_eligible e
JOIN survey_waves w ON w.wave_id = e.wave_id
JOIN cohorts c ON c.cohort_id = e.cohort_id
JOIN programs p ON p.program_id = c.program_id
LEFT JOIN responded r ON r.wave_id = e.wave_id AND r.cohort_id = e.cohort_id;

-- ---- Analyst views: stable names for data stewards (unsuppressed, like the survey platform's export).

CREATE OR REPLACE VIEW v_attendance AS
SELECT i.name AS institution,
       p.name AS program,
       p.kind AS program_kind,
       c.name AS cohort,
       f.class_year,
       ay_label(f.ay) AS academic_year,
       f.group_id,
       f.session_number,
       f.topic AS session_topic,
       f.session_date,
       f.modality,
       f.participant_id,
       f.status,
       f.minutes
FROM attendance_facts_live f
JOIN institutions i ON i.institution_id = f.institution_id
JOIN programs p ON p.program_id = f.program_id
JOIN cohorts c ON c.cohort_id = f.cohort_id;

CREATE OR REPLACE VIEW v_survey_answers AS
SELECT w.name AS wave,
       w.kind AS wave_kind,
       ay_label(w.academic_year) AS academic_year,
       ins.name AS institution,
       p.name AS program,
       p.kind AS program_kind,
       c.name AS cohort,
       r.class_year,
       r.attendance_band,
       r.response_id AS respondent_id,
       a.item_id,
       it.item_text,
       it.construct,
       it.scale_min,
       it.scale_max,
       a.value,
       CASE WHEN it.favorable_min IS NULL OR a.value IS NULL THEN NULL
            ELSE a.value BETWEEN it.favorable_min AND it.favorable_max END AS favorable,
       a.text_value
FROM answers a
JOIN responses r ON r.response_id = a.response_id
JOIN survey_waves w ON w.wave_id = r.wave_id
JOIN programs p ON p.program_id = r.program_id
JOIN institutions ins ON ins.institution_id = p.institution_id
LEFT JOIN cohorts c ON c.cohort_id = r.cohort_id
JOIN items it ON it.item_id = a.item_id;

CREATE OR REPLACE VIEW v_response_rates AS
SELECT w.name AS wave,
       ay_label(f.ay) AS academic_year,
       ins.name AS institution,
       p.name AS program,
       c.name AS cohort,
       f.class_year,
       f.n_eligible,
       f.n_responded
FROM response_rate_facts f
JOIN survey_waves w ON w.wave_id = f.wave_id
JOIN cohorts c ON c.cohort_id = f.cohort_id
JOIN programs p ON p.program_id = f.program_id
JOIN institutions ins ON ins.institution_id = f.institution_id;

-- ---- The published cells (peers_dash.privacy.protect): the content each cell shows now, one row per token.
CREATE OR REPLACE VIEW pub_content AS
SELECT s.family, s.cell, h.token, h.n
FROM pub_state s
JOIN pub_hist h ON h.family = s.family AND h.cell = s.cell AND h.rev = s.rev;
