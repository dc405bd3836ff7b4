-- People left out of the figures in the programs and years in view (each program-year already rounded down to
-- tens by sql/protect/left_out.sql). {where} holds only institution, program kind, program and academic-year
-- conditions.
SELECT coalesce(sum(n), 0) AS n
FROM (SELECT l.*, p.kind AS program_kind FROM pub_left_out l JOIN programs p USING (program_id))
WHERE kind = $kind AND {where}
