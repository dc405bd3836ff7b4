-- The import benchmark's program (peers_dash.bench_import), added to a copy of the school demo: a residency
-- with ten cohorts, $groups groups of $members people each ($people in all), and $per_group sessions a group
-- (monthly from September 2016), enough for the sign-in sheet import_sheet.sql makes.
-- $groups: how many groups; $members: people per group; $people: $groups * $members; $per_group: sessions a group.
INSERT INTO programs VALUES (9001, 1, 'Benchmark Residency', 'residency', 3, 1, 2016);

INSERT INTO cohorts
SELECT 90000 + i, 9001, 'Benchmark Residency Class of ' || (2019 + i), 2016 + i, 2019 + i
FROM range(10) t(i);

INSERT INTO groups
SELECT 9000000 + g, 90000 + g % 10, 'Group ' || lpad(CAST(g // 10 + 1 AS VARCHAR), 3, '0')
FROM range($groups) t(g);

INSERT INTO participants
SELECT 90000000 + p, 90000 + (p // $members) % 10
FROM range($people) t(p);

INSERT INTO memberships
SELECT 90000000 + p, 9000000 + p // $members, DATE '2016-07-01', NULL, NULL
FROM range($people) t(p);

INSERT INTO sessions
SELECT 900000000 + g * $per_group + s, 9000000 + g, s % 10 + 1, 'Benchmark topic ' || (s % 10 + 1),
       DATE '2016-09-01' + CAST(s * 30 + g % 7 AS INTEGER), TIME '12:00', 60, 'in_person'
FROM range($groups) t(g), range($per_group) u(s);
