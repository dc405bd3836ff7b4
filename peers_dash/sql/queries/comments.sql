-- Published comments of the annual survey: whole cells (a program's wave), never narrowed by cohort or class
-- year. {where} may only hold institution, program kind, program and academic-year conditions.
-- $latest_only: only the latest academic year in view with comments.
WITH c AS (
    SELECT * FROM (SELECT pc.*, p.kind AS program_kind FROM pub_comments pc JOIN programs p USING (program_id))
    WHERE {where}
)
SELECT c.program_id, c.ay, c.wave_id, w.name AS wave, c.comment, c.n
FROM c
JOIN survey_waves w ON w.wave_id = c.wave_id
WHERE NOT $latest_only OR c.ay = (SELECT max(ay) FROM c)
ORDER BY c.ay DESC, c.program_id, hash(c.comment)
