"""A school built to be attacked: groups of 2 to 9, a lone PhD student for years, a four-person fellowship, a
survey wave that one person finished, a member who leaves mid-year, a class where all but one answered, and
later data versions that change a few people (a late response, one corrected sign-in) or many.

build() writes version 1 through the real writer; each later step is another write (and one undo), so every
version is decided by the real protection step. The test keeps every version's file, and the map from
survey response to the person who gave it (never stored in the database), to count real people.
"""
from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from peers_dash.model.catalog import load_catalog
from peers_dash.store.db import peek
from peers_dash.store.writer import writing

RESPONSE_COLS = "(response_id, wave_id, program_id, cohort_id, class_year, attendance_band, source)"

# program_id, name, kind, years, first class year, cohorts: [(cohort_id, entry year, [group sizes])]
PROGRAMS = [
    (1, "MD", "md", 4, 1, [(10, 2019, [7, 2, 9]), (11, 2020, [6, 5])]),
    (2, "Pediatrics", "residency", 3, 1, [(20, 2019, [9]), (21, 2020, [4, 8])]),
    (3, "Tiny Fellowship", "fellowship", 2, 4, [(30, 2019, [4])]),
    (4, "Lone PhD", "graduate", 5, 1, [(40, 2019, [1])]),
]
YEARS = (2019, 2020, 2021)
LEAVER = 103  # an MD member who leaves on 2020-12-31 (expected at sessions before, not after)
ALL_BUT_ONE = (21, 2021)  # Pediatrics 2023 in 2021-22: all but one answered
ONE_FINISHED = (30, 2020)  # the fellowship in 2020-21: one person finished the survey


@dataclass
class School:
    path: Path
    versions: dict[int, Path] = field(default_factory=dict)   # data version -> a copy of that version's file
    person_of_response: dict[int, int] = field(default_factory=dict)

    def keep(self, tmp: Path) -> int:
        """Copy the current file aside under its data version; returns the version."""
        version = int(peek(self.path)[1]["data_version"])
        copy = tmp / f"v{version}.duckdb"
        shutil.copyfile(self.path, copy)
        self.versions[version] = copy
        return version


def build(path: Path, seed: int = 11) -> School:
    rng = random.Random(seed)
    school = School(path)
    with writing(path, new=True) as con:
        load_catalog(con)
        con.execute("INSERT INTO institutions VALUES (1, 'Hostile School')")
        pid, sid, gid, rid = 100, 1000, 0, 5000
        members: dict[int, list[int]] = {}
        for program_id, name, kind, years, first, cohorts in PROGRAMS:
            con.execute("INSERT INTO programs VALUES (?, 1, ?, ?, ?, ?, 2019)", [program_id, name, kind, years, first])
            for cohort_id, entry, sizes in cohorts:
                con.execute("INSERT INTO cohorts VALUES (?, ?, ?, ?, ?)",
                            [cohort_id, program_id, f"{name} Class of {entry + years}", entry, entry + years])
                for g, size in enumerate(sizes):
                    gid += 1
                    con.execute("INSERT INTO groups VALUES (?, ?, ?)", [gid, cohort_id, f"Group {g + 1:02d}"])
                    members[gid] = []
                    for _ in range(size):
                        pid += 1
                        members[gid].append(pid)
                        end = "2020-12-31" if pid == LEAVER else None
                        con.execute("INSERT INTO participants VALUES (?, ?)", [pid, cohort_id])
                        con.execute("INSERT INTO memberships VALUES (?, ?, DATE '2019-07-01', ?, ?)",
                                    [pid, gid, end, "leave" if end else None])
                    for year in range(entry, 2022):
                        for number in (1, 2, 3):
                            sid += 1
                            day = date(year, 9, 15) + timedelta(days=60 * number + g)
                            modality = "virtual" if year == 2020 else rng.choice(["in_person", "in_person", "hybrid"])
                            con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, TIME '12:00', 60, ?)",
                                        [sid, gid, number, f"Topic {number}", day, modality])
                            for p in members[gid]:
                                if p == LEAVER and day > date(2020, 12, 31):
                                    continue
                                status = rng.choice(["present", "present", "present", "absent", "excused"])
                                con.execute("INSERT INTO attendance VALUES (?, ?, ?, NULL, 'test')", [sid, p, status])
        for w, year in enumerate(YEARS, start=1):
            con.execute("INSERT INTO survey_waves VALUES (?, ?, 'annual', ?, 1, NULL, NULL, NULL, NULL)",
                        [w, f"Annual {year}", year])
        con.execute("INSERT INTO survey_waves VALUES (9, 'Feedback 2020 s1', 'post_session', 2020, 1, 1, "
                    "'Topic 1', NULL, NULL)")
        cohort_of_group = dict(con.execute("SELECT group_id, cohort_id FROM groups").fetchall())
        meta = {c: (p, e, k, f) for c, p, e, k, f in con.execute(
            "SELECT c.cohort_id, c.program_id, c.entry_year, p.kind, p.first_class_year FROM cohorts c "
            "JOIN programs p USING (program_id)").fetchall()}
        by_cohort: dict[int, list[int]] = {}
        for g, people in members.items():
            by_cohort.setdefault(cohort_of_group[g], []).extend(people)
        for cohort_id, people in sorted(by_cohort.items()):
            program_id, entry, kind, first = meta[cohort_id]
            for w, year in enumerate(YEARS, start=1):
                if year < entry:
                    continue
                label = {"md": "MS", "residency": "PGY", "fellowship": "PGY", "graduate": "G"}[kind] + \
                    str(year - entry + first)
                con.execute("INSERT INTO wave_eligible VALUES (?, ?, ?, ?)", [w, cohort_id, label, len(people)])
                if (cohort_id, year) == ALL_BUT_ONE:
                    answering = people[:-1]
                elif (cohort_id, year) == ONE_FINISHED:
                    answering = people[:1]
                else:
                    answering = [p for p in people if rng.random() < 0.7]
                for p in answering:
                    rid += 1
                    school.person_of_response[rid] = p
                    con.execute("INSERT INTO responses " + RESPONSE_COLS + " VALUES (?, ?, ?, ?, ?, ?, 'test')",
                                [rid, w, program_id, cohort_id, label, rng.choice(["0-3", "4-7", "8-10"])])
                    _answer(con, rng, rid)
            if cohort_id in (10, 11):  # post-session feedback after session 1 of 2020
                for p in people:
                    if rng.random() < 0.8:
                        rid += 1
                        school.person_of_response[rid] = p
                        con.execute("INSERT INTO responses " + RESPONSE_COLS + " VALUES (?, 9, ?, ?, ?, NULL, 'test')",
                                    [rid, program_id, cohort_id, "MS" + str(2020 - entry + 1)])
                        con.execute("INSERT INTO answers VALUES (?, 'fb_helpful', ?, NULL)", [rid, rng.randint(1, 5)])
    return school


def _answer(con, rng: random.Random, rid: int) -> None:
    con.execute("INSERT INTO answers VALUES (?, 'peers_space', ?, NULL)", [rid, rng.randint(1, 5)])
    items = 4 if rng.random() < 0.85 else 3  # some leave a stress question out: no total for them
    for i in range(1, items + 1):
        con.execute("INSERT INTO answers VALUES (?, ?, ?, NULL)", [rid, f"pss4_{i}", rng.randint(0, 4)])
    if rng.random() < 0.5:
        con.execute("INSERT INTO answers VALUES (?, 'comment', NULL, ?)", [rid, rng.choice(
            ["Helpful", "More time please", "=1+1", "[link](http://evil.example)", "I felt heard"])])


def late_data(school: School, rng_seed: int = 5) -> None:
    """Version 2: a few people change (one late response in a published survey cell, one corrected sign-in)
    and many do (a new session for a group, five late responses in one class)."""
    rng = random.Random(rng_seed)
    with writing(school.path, keep_previous=True) as con:
        # one corrected sign-in in a large session
        sid, pid = con.execute("""SELECT a.session_id, a.participant_id FROM attendance a
                                  JOIN sessions s USING (session_id) JOIN groups g USING (group_id)
                                  WHERE g.cohort_id = 10 AND s.session_number = 1 AND a.status = 'absent'
                                  ORDER BY 1, 2 LIMIT 1""").fetchall()[0]
        con.execute("UPDATE attendance SET status = 'present' WHERE session_id = ? AND participant_id = ?", [sid, pid])
        # a whole new session for the largest group
        con.execute("INSERT INTO sessions VALUES (9001, 3, 4, 'Topic 4', DATE '2022-03-01', TIME '12:00', 60, "
                    "'in_person')")
        for p in [p for (p,) in con.execute("SELECT participant_id FROM memberships WHERE group_id = 3").fetchall()]:
            con.execute("INSERT INTO attendance VALUES (9001, ?, ?, NULL, 'test')", [p, rng.choice(["present", "absent"])])
        # one late response in the MD class of 2024's 2021-22 wave, five in the class of 2023's (people who had
        # not answered before)
        rid = max(school.person_of_response) + 1
        for k in range(6):
            school.person_of_response[rid + k] = 1000 + k
            cohort, program, label = (11, 1, "MS2") if k == 0 else (10, 1, "MS3")
            con.execute("INSERT INTO responses " + RESPONSE_COLS + " VALUES (?, 3, ?, ?, ?, '8-10', 'late')",
                        [rid + k, program, cohort, label])
            _answer(con, rng, rid + k)


def fewer_late(school: School) -> None:
    """Version 3: four of the five late responses withdrawn again (one remains)."""
    with writing(school.path) as con:
        late = [r for (r,) in con.execute("SELECT response_id FROM responses WHERE source = 'late' "
                                          "AND cohort_id = 10 ORDER BY 1").fetchall()]
        for r in late[1:]:
            con.execute("DELETE FROM answers WHERE response_id = ?", [r])
            con.execute("DELETE FROM responses WHERE response_id = ?", [r])


def undo_to(school: School, version: int) -> None:
    """A write that starts from an earlier version's file, as undo does."""
    with writing(school.path, start_from=school.versions[version]):
        pass
