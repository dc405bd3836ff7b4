-- Answers to the given questions in view before and after protection (the largest gap among them).
WITH raw AS (
    SELECT item_id, sum(n) AS n FROM answer_rollup
    WHERE {where} AND wave_kind = $wave_kind AND list_contains($items, item_id) GROUP BY ALL
),
pub AS (
    SELECT item_id, sum(n) AS n FROM pub_answers
    WHERE {where} AND wave_kind = $wave_kind AND list_contains($items, item_id) GROUP BY ALL
)
SELECT coalesce(max(raw.n - coalesce(pub.n, 0)), 0) AS left_out
FROM raw LEFT JOIN pub USING (item_id)
