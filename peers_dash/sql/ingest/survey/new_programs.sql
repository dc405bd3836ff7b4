-- The programs a survey file names that are new (the registered frame new_dims), created.
INSERT INTO programs (program_id, institution_id, name, kind, years, first_class_year, joined_year)
SELECT program_id, institution_id, name, kind, years, first_class_year, joined_year FROM new_dims;
