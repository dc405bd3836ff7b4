"""A school full of small groups (2 to 9 people), for the privacy properties: every cohort, class year,
group and survey cell is near the minimum, so any leak would show."""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from peers_dash.catalog import load_catalog
from peers_dash.writer import writing

PROGRAMS = [(1, "MD", "md", 4, 1), (2, "Pediatrics", "residency", 3, 1), (3, "Tiny Fellowship", "fellowship", 2, 4)]


def build_small_groups(path: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with writing(path, new=True) as con:
        load_catalog(con)
        con.execute("INSERT INTO institutions VALUES (1, 'Small School')")
        pid = sid = gid = rid = 0
        cohort_id = 0
        for program_id, name, kind, years, first in PROGRAMS:
            con.execute("INSERT INTO programs VALUES (?, 1, ?, ?, ?, ?, 2019)", [program_id, name, kind, years, first])
            for entry in (2019, 2020):
                cohort_id += 1
                con.execute("INSERT INTO cohorts VALUES (?, ?, ?, ?, ?)",
                            [cohort_id, program_id, f"{name} Class of {entry + years}", entry, entry + years])
                for g in range(rng.randint(1, 3)):
                    gid += 1
                    con.execute("INSERT INTO groups VALUES (?, ?, ?)", [gid, cohort_id, f"Group {g + 1:02d}"])
                    members = []
                    for _ in range(rng.randint(2, 9)):
                        pid += 1
                        members.append(pid)
                        con.execute("INSERT INTO participants VALUES (?, ?)", [pid, cohort_id])
                        con.execute("INSERT INTO memberships VALUES (?, ?, DATE '2019-07-01', NULL, NULL)", [pid, gid])
                    for year in range(entry, 2022):
                        for number in (1, 2):
                            sid += 1
                            day = date(year, 10, 1) + timedelta(days=30 * number + g)
                            modality = "virtual" if year == 2020 else rng.choice(["in_person", "in_person", "hybrid"])
                            con.execute("INSERT INTO sessions VALUES (?, ?, ?, 'Topic', ?, TIME '12:00', 60, ?)",
                                        [sid, gid, number, day, modality])
                            for p in members:
                                status = rng.choice(["present", "present", "present", "absent", "excused"])
                                con.execute("INSERT INTO attendance VALUES (?, ?, ?, NULL, 'test')", [sid, p, status])
                    for year in range(entry, 2022):
                        wave = year - 2018
                        con.execute("INSERT INTO survey_waves VALUES (?, ?, 'annual', ?, 1, NULL, NULL, NULL, NULL) "
                                    "ON CONFLICT DO NOTHING", [wave, f"Annual {year}", year])
                        label = ("MS" if kind == "md" else "PGY") + str(year - entry + first)
                        con.execute("INSERT INTO wave_eligible VALUES (?, ?, ?, ?) ON CONFLICT (wave_id, cohort_id) "
                                    "DO UPDATE SET n_eligible = n_eligible + excluded.n_eligible",
                                    [wave, cohort_id, label, len(members)])
                        for p in members:
                            if rng.random() < 0.6:
                                rid += 1
                                band = rng.choice(["0-3", "4-7", "8-10"])
                                con.execute("INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, 'test')",
                                            [rid, wave, program_id, cohort_id, label, band])
                                con.execute("INSERT INTO answers VALUES (?, 'peers_space', ?, NULL)",
                                            [rid, rng.randint(1, 5)])
    return path
