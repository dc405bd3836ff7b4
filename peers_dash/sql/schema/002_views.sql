-- Schema version 2 introduced the views; they live in views.sql beside this file, which every migration re-applies.
SELECT 1;
