-- Published comments of the annual survey: whole cells (a program's wave), never narrowed by cohort or class
-- year. {where} may only hold institution, program and academic-year conditions.
SELECT c.program_id, c.ay, c.wave_id, w.name AS wave, c.comment, c.n
FROM (SELECT * FROM pub_comments WHERE {where}) c
JOIN survey_waves w ON w.wave_id = c.wave_id
ORDER BY c.ay DESC, c.program_id, hash(c.comment)
