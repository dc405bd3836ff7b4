-- reach_dose from the person_year rollup (for breakdowns and filters it covers).
WITH per_person AS (
    SELECT {dims}
           participant_id,
           sum(n_present) AS attended,
           sum(n_rows) AS offered
    FROM person_year
    WHERE {where}
    GROUP BY ALL
)
SELECT {dims}
       count(*) AS n_people,
       count(*) FILTER (WHERE attended > 0) AS n_reached,
       avg(attended) AS dose,
       avg(offered) AS offered
FROM per_person
GROUP BY ALL
