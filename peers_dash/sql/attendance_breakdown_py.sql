-- attendance_breakdown from the person_year rollup (for breakdowns and filters it covers).
SELECT {dims}
       count(DISTINCT participant_id) AS n_people,
       sum(n_present) AS n_present,
       sum(n_absent) AS n_absent,
       sum(n_excused) AS n_excused
FROM person_year
WHERE {where}
GROUP BY ALL
