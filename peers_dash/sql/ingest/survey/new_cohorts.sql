-- The cohorts a survey file names that are new (the registered frame new_dims), created.
INSERT INTO cohorts (cohort_id, program_id, name, entry_year, grad_year)
SELECT cohort_id, program_id, name, entry_year, grad_year FROM new_dims;
