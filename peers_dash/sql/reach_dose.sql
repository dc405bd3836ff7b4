-- Reach (share of people who came at least once) and dose (sessions attended per person) per cell.
WITH per_person AS (
    SELECT {dims}
           participant_id,
           sum(n_present) AS attended,
           sum(n_rows) AS offered
    FROM {source}
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
