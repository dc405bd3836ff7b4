-- Schema version 2 introduced the views; they live in ../views.sql, which every migration re-applies.
SELECT 1;
