-- Total score of a scored instrument (reverse-scored items flipped) for complete responses, per cell.
WITH per_response AS (
    SELECT {dims}
           response_id,
           sum(scored_value) AS score
    FROM answer_facts
    WHERE {where}
      AND wave_kind = $wave_kind
      AND instrument_id = $instrument
      AND value IS NOT NULL
    GROUP BY ALL
    HAVING count(*) = $n_items
)
SELECT {dims}
       count(*) AS n_people,
       avg(score) AS mean,
       stddev_samp(score) AS sd
FROM per_response
GROUP BY ALL
