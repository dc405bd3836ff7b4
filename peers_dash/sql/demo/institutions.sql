-- The institutions: the canonical school first, then names made of places and suffixes.
-- $n_inst: how many institutions (demo.SCALES)
-- $school: the first institution's name, the canonical school
-- $places, $suffixes: the words the other institutions' names are made of
INSERT INTO institutions
SELECT i, CASE WHEN i = 1 THEN $school
               ELSE ($places::VARCHAR[])[((i - 1) % len($places::VARCHAR[])) + 1] || ' '
                    || ($suffixes::VARCHAR[])[((i - 1) // len($places::VARCHAR[])) % len($suffixes::VARCHAR[]) + 1]
          END
FROM range(1, $n_inst + 1) r(i);
