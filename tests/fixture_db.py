"""A tiny hand-made PEERS database whose every figure can be worked out by hand.

School "Test School": MD (cohorts of 2023 and 2024) and a three-person "Tiny Fellowship" that falls under
the minimum cell size of 5.

Attendance (academic year, class year):
  2019 MS1  cohort 2023 group 01 session 1: people 1-5 present, 6 absent
  2019 MS1  cohort 2023 group 02 session 1: 7-10 present, 11 excused, 12 absent
  2020 MS2  cohort 2023 group 01 session 2 (virtual): 1-3 present, 4-6 absent
  2020 MS2  cohort 2023 group 02 session 2 (virtual): 7-12 present
  2020 MS1  cohort 2024 group 01 session 1 (virtual): 21-26 present, 27 absent, 28 excused
  2019 PGY4 fellowship group 01 session 1: 31, 32 present, 33 absent
Annual survey "My PEERS group is a space..." (favourable = 4 or 5):
  2019-20 MS1 cohort 2023: 5 4 4 3 2 5 4 1 (5 of 8)   PGY4 fellowship: 5 5 (2 people)
  2020-21 MS2 cohort 2023: 5 5 4 4 3 2 (4 of 6)       MS1 cohort 2024: 4 4 4 2 1 (3 of 5)
"""
from __future__ import annotations

from pathlib import Path

from peers_dash.model.catalog import load_catalog
from peers_dash.store.writer import writing

RESPONSE_COLS = "(response_id, wave_id, program_id, cohort_id, class_year, attendance_band, source)"

ATTENDANCE = [  # session_id, group_id, number, date, modality, {participant: status}
    (1001, 100, 1, "2019-09-10", "in_person", {**{p: "present" for p in range(1, 6)}, 6: "absent"}),
    (1011, 101, 1, "2019-09-11", "in_person", {7: "present", 8: "present", 9: "present", 10: "present",
                                              11: "excused", 12: "absent"}),
    (1002, 100, 2, "2020-10-10", "virtual", {1: "present", 2: "present", 3: "present", 4: "absent",
                                             5: "absent", 6: "absent"}),
    (1012, 101, 2, "2020-10-11", "virtual", {p: "present" for p in range(7, 13)}),
    (1101, 110, 1, "2020-09-12", "virtual", {**{p: "present" for p in range(21, 27)}, 27: "absent",
                                             28: "excused"}),
    (2001, 200, 1, "2019-09-13", "in_person", {31: "present", 32: "present", 33: "absent"}),
]
TOPICS = {1: "Getting started", 2: "Mindfulness"}
SPACE = {  # (wave_id, cohort_id, class_year) -> answers to peers_space
    (1, 10, "MS1"): [5, 4, 4, 3, 2, 5, 4, 1],
    (1, 20, "PGY4"): [5, 5],
    (2, 10, "MS2"): [5, 5, 4, 4, 3, 2],
    (2, 11, "MS1"): [4, 4, 4, 2, 1],
}
# PSS-4 (items 2 and 3 reversed) from the 2020-21 MS2 respondents (ids 511-516): totals 11, 0, 16, 6, 9;
# the sixth skipped a question and has no total. Mean 8.4.
PSS4 = {511: [2, 1, 1, 3], 512: [0, 4, 4, 0], 513: [4, 0, 0, 4], 514: [1, 2, 2, 1], 515: [3, 3, 1, 2], 516: [2, 2, 2]}
ELIGIBLE = [(1, 10, "MS1", 12), (1, 20, "PGY4", 3), (2, 10, "MS2", 12), (2, 11, "MS1", 8)]


def build_fixture(path: Path, md_name: str = "MD") -> Path:
    """Write the fixture database at `path` through the writer and return the path (md_name: the MD
    program's name, for tests of names that try to be Markdown)."""
    with writing(path, new=True) as con:
        con.execute("INSERT INTO institutions VALUES (1, 'Test School')")
        con.execute("INSERT INTO programs VALUES (1, 1, ?, 'md', 4, 1, 2019),"
                    " (2, 1, 'Tiny Fellowship', 'fellowship', 2, 4, 2019)", [md_name])
        con.execute("INSERT INTO cohorts VALUES (10, 1, 'MD Class of 2023', 2019, 2023),"
                    " (11, 1, 'MD Class of 2024', 2020, 2024), (20, 2, 'Tiny Fellowship Class of 2021', 2019, 2021)")
        con.execute("INSERT INTO groups VALUES (100, 10, 'Group 01'), (101, 10, 'Group 02'),"
                    " (110, 11, 'Group 01'), (200, 20, 'Group 01')")
        members = {100: range(1, 7), 101: range(7, 13), 110: range(21, 29), 200: range(31, 34)}
        cohort_of = {100: 10, 101: 10, 110: 11, 200: 20}
        for group, people in members.items():
            for p in people:
                con.execute("INSERT INTO participants VALUES (?, ?)", [p, cohort_of[group]])
                con.execute("INSERT INTO memberships VALUES (?, ?, DATE '2019-07-01', NULL, NULL)", [p, group])
        for sid, group, number, day, modality, statuses in ATTENDANCE:
            con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, TIME '12:00', 60, ?)",
                        [sid, group, number, TOPICS[number], day, modality])
            for p, status in statuses.items():
                con.execute("INSERT INTO attendance VALUES (?, ?, ?, ?, 'fixture')",
                            [sid, p, status, 60 if status == "present" else None])
        load_catalog(con)
        con.execute("INSERT INTO survey_waves VALUES (1, 'Annual 2019-20', 'annual', 2019, 1, NULL, NULL,"
                    " DATE '2020-03-01', DATE '2020-04-01'), (2, 'Annual 2020-21', 'annual', 2020, 1, NULL, NULL,"
                    " DATE '2021-03-01', DATE '2021-04-01')")
        con.executemany("INSERT INTO wave_eligible VALUES (?, ?, ?, ?)", ELIGIBLE)
        response_id = 500
        program_of = {10: 1, 11: 1, 20: 2}
        for (wave, cohort, class_year), values in SPACE.items():
            for v in values:
                response_id += 1
                con.execute("INSERT INTO responses " + RESPONSE_COLS + " VALUES (?, ?, ?, ?, ?, ?, 'fixture')",
                            [response_id, wave, program_of[cohort], cohort, class_year, "0-3" if v < 4 else "4-7"])
                con.execute("INSERT INTO answers VALUES (?, 'peers_space', ?, NULL)", [response_id, v])
        for rid, values in PSS4.items():
            for i, v in enumerate(values, start=1):
                con.execute("INSERT INTO answers VALUES (?, ?, ?, NULL)", [rid, f"pss4_{i}", v])
    return path
