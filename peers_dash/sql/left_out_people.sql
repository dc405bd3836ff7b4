-- People (one a year) in view before and after protection.
SELECT (SELECT count(*) FROM person_year WHERE {where}) AS raw_people,
       (SELECT coalesce(sum(n_people), 0) FROM {source} WHERE {where}) AS pub_people
