-- Attendance records in view before and after protection (for the page's note on what is left out).
SELECT (SELECT coalesce(sum(n_rows), 0) FROM group_year WHERE {where}) AS raw_records,
       (SELECT coalesce(sum(n_present + n_absent + n_excused), 0) FROM {source} WHERE {where}) AS pub_records
