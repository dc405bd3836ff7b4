-- The programs, cohorts or groups an import (a roster, a survey file) names that are new (the registered
-- frame new_rows), created.
-- {table}: programs, cohorts or groups; {cols}: the columns the frame holds for it (code constants).
INSERT INTO {table} ({cols}) SELECT {cols} FROM new_rows;
