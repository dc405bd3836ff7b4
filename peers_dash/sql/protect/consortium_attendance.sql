-- The consortium's attendance cells: published cells added up across institutions at the finest grain that
-- belongs to no one institution (program kind, class year, academic year, session, topic, format), with how
-- many institutions contribute (n_inst). A consortium figure is added up only from cells of enough institutions
-- (filters.CohortFilter.consortium: at least 3, and 2 more than the person's own), so a school's leader who
-- subtracts their own school's figure from it learns about two other schools together, never about one. Every
-- cell is a sum of published cells, so the people-level rules hold as they do everywhere. Only institutions
-- that add to the figure's denominator count: a school whose sessions in a cell were all excused (a cancelled
-- session) adds nothing to an attendance rate, so it cannot make up the number.
CREATE OR REPLACE TABLE cons_att_cells AS
SELECT program_kind, class_year, ay, session_number, topic, modality,
       count(DISTINCT institution_id) FILTER (WHERE n_present + n_absent > 0) AS n_inst,
       sum(n_groups) AS n_groups, sum(n_sessions) AS n_sessions,
       sum(n_present) AS n_present, sum(n_absent) AS n_absent, sum(n_excused) AS n_excused
FROM pub_att_cells
GROUP BY ALL;

CREATE OR REPLACE TABLE cons_att_people AS
SELECT program_kind, class_year, ay,
       count(DISTINCT institution_id) FILTER (WHERE n_people > 0) AS n_inst,
       sum(n_groups) AS n_groups, sum(n_people) AS n_people, sum(n_reached) AS n_reached
FROM pub_att_people
GROUP BY ALL;
