-- Answers: each item by its model (demo.ITEM_MODELS) from the respondent's traits, and a comment from
-- about one annual respondent in seven.
-- $comments: the free-text comments the answers pick from
INSERT INTO answers
WITH x AS (
    SELECT r.response_id, i.item_id, i.model, i.reverse, r.stress, r.lonely, r.burnout,
           _clamp(r.p_fav + i.shift - CASE WHEN i.item_id = 'fb_safe' AND r.modality = 'virtual' THEN 0.06 ELSE 0 END,
                  0.03, 0.97) AS p,
           _u(r.response_id, i.pos, 'ans') AS u
    FROM _resp r JOIN _it i ON i.wkind = r.wkind
)
SELECT response_id, item_id,
       CASE model
           WHEN 'likert' THEN CASE WHEN u < p * 0.42 THEN 5 WHEN u < p THEN 4
                                   WHEN (u - p) / (1 - p) < 0.15 THEN 1 WHEN (u - p) / (1 - p) < 0.45 THEN 2 ELSE 3 END
           WHEN 'pss' THEN abs(CASE WHEN reverse THEN 4 ELSE 0 END - _clamp(round(stress * 4 + (u - 0.5) * 2.2), 0, 4))
           WHEN 'ucla' THEN _clamp(1 + floor(lonely * 3 + (u - 0.5) * 1.4), 1, 3)
           ELSE _clamp(round(burnout * 6 + (u - 0.5) * 3), 0, 6) END,
       NULL
FROM x;
INSERT INTO answers
SELECT response_id, 'comment', NULL,
       ($comments::VARCHAR[])[_pick(response_id, 0, 'ctext', len($comments::VARCHAR[])) + 1]
FROM _resp
WHERE wkind = 'annual' AND _u(response_id, 0, 'comment') < 0.15;
