"""The synthetic demo database: a school, a health system or a national consortium running PEERS.

Everything is generated inside DuckDB (sql/demo/, one file per step) from a seed, so the same seed gives the
same rows and the national scale (tens of millions of rows) builds in minutes.
"""
from __future__ import annotations

import logging
import os
import time
from datetime import date
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from peers_dash import PeersError
from peers_dash.model.catalog import ITEMS, load_catalog
from peers_dash.queries.changes import add as add_change
from peers_dash.sql import run_script
from peers_dash.store.db import peek, set_meta
from peers_dash.store.writer import writing

_log = logging.getLogger(__name__)  # each step's time, for whoever turns logging on
# Program changes the demo office recorded: shown on every trend of the demo (made up, like the rest).
DEMO_CHANGES = ((date(2020, 3, 16), "Sessions moved to Zoom"), (date(2022, 8, 1), "New MS1 curriculum"))
DATA_AS_OF = date(2026, 11, 15)  # no session or survey wave after this day; 2026-27 is partial
LAST_AY = 2026

# n_inst institutions with the first n_prog program templates each; size_mult scales class sizes at every
# institution but the first (the canonical school, identical at every scale).
SCALES: dict[str, dict] = {
    "school": {"n_inst": 1, "n_prog": 8, "size_mult": 1.0},
    "system": {"n_inst": 10, "n_prog": 8, "size_mult": 2.7},
    "national": {"n_inst": 150, "n_prog": 10, "size_mult": 3.8},
}

SCHOOL_NAME = "Northbridge School of Medicine"
PLACES = [
    "Northbridge", "Riverside", "Lakeshore", "Pinecrest", "Fairhaven", "Westbrook", "Eastfield", "Highland",
    "Maple Valley", "Stonegate", "Clearwater", "Brookhaven", "Cedar Ridge", "Harborview", "Oakmont",
    "Silver Springs", "Granite Falls", "Willowdale", "Summit", "Bayside", "Redwood", "Ashford", "Kingsport",
    "Elmhurst", "Prairie View", "Mountainview", "Greenfield", "Southport", "Crescent City", "Fox Hollow",
    "Bridgewater", "Hillcrest", "Lakewood", "Rosemont", "Sterling", "Thornbury", "Union Valley", "Wexford",
    "Yarrow Point", "Zephyr Bay",
]
SUFFIXES = [
    "School of Medicine", "University Medical Center", "College of Medicine", "Health Sciences University",
    "Academic Medical Center",
]

# t, name, kind, years, first_class_year, class size, year the program joined PEERS (at the school)
PROGRAM_TEMPLATES = [
    (1, "MD", "md", 4, 1, 140, 2017),
    (2, "Internal Medicine", "residency", 3, 1, 45, 2019),
    (3, "Pediatrics", "residency", 3, 1, 25, 2019),
    (4, "Psychiatry", "residency", 4, 1, 14, 2020),
    (5, "General Surgery", "residency", 5, 1, 8, 2022),
    (6, "Family Medicine", "residency", 3, 1, 12, 2021),
    (7, "Cardiology Fellowship", "fellowship", 3, 4, 5, 2021),
    (8, "Biomedical Sciences PhD", "graduate", 5, 1, 20, 2019),
    (9, "Emergency Medicine", "residency", 3, 1, 14, 2022),
    (10, "Neurology", "residency", 4, 1, 10, 2022),
]

TOPICS = [
    "Getting started: group norms and goals", "Mindfulness in a busy day", "Gratitude and positive emotions",
    "Thinking traps (CBT)", "Riding out distress (DBT skills)", "Impostor feelings", "Moving into clerkships",
    "Grief and hard patient moments", "Boundaries and self-compassion", "Looking ahead: sustaining well-being",
]
# MD: (class year, month) of sessions 1-10 over four years; other programs meet monthly, September to June.
MD_PLAN = [(1, 9), (1, 11), (1, 2), (1, 4), (2, 9), (2, 12), (2, 3), (3, 10), (3, 2), (4, 10)]
MONTHLY_PLAN = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6]

# How each item is answered: the model, and a shift of its chance of a favourable answer.
ITEM_MODELS = {
    "peers_space": ("annual", "likert", 0.04), "peers_peer_support": ("annual", "likert", 0.08),
    "peers_facilitator_support": ("annual", "likert", 0.10), "peers_coping": ("annual", "likert", -0.05),
    "peers_community": ("annual", "likert", -0.08),
    "pss4_1": ("annual", "pss", 0), "pss4_2": ("annual", "pss", 0), "pss4_3": ("annual", "pss", 0),
    "pss4_4": ("annual", "pss", 0),
    "ucla3_1": ("annual", "ucla", 0), "ucla3_2": ("annual", "ucla", 0), "ucla3_3": ("annual", "ucla", 0),
    "mbi_ee": ("annual", "mbi", 0), "mbi_dp": ("annual", "mbi", 0),
    "fb_helpful": ("feedback", "likert", 0.03), "fb_safe": ("feedback", "likert", 0.0),
    "fb_use": ("feedback", "likert", -0.04),
}

COMMENTS = [
    "=) loved it",
    "My group has been the one constant through a hard year.",
    "Sessions were too early in the morning after call.",
    "I wish we met more often.",
    "The mindfulness session was the most useful for me.",
    "Hard to attend during clerkships, but glad it exists.",
    "Virtual sessions felt less personal.",
    "Our facilitators made it feel safe to be honest.",
    "Please protect the time: people get pulled to clinic.",
    "More time for open discussion, less slides.",
    "-- not sure it helps, but the snacks are good",
    "Thank you for making space for this.",
    "+1 to keeping the same group every year",
    "I did not know what to expect but it helped.",
]

# The build's steps (sql/demo/<name>.sql), in order.
STEPS = [
    ("institutions and programs", ["institutions", "programs", "cohorts"]),
    ("participants and groups", ["participants"]),
    ("memberships", ["memberships"]),
    ("facilitators", ["facilitators"]),
    ("sessions", ["sessions"]),
    ("attendance", ["attendance"]),
    ("survey waves", ["waves"]),
    ("respondents", ["respondents"]),
    ("responses", ["responses"]),
    ("answers", ["answers"]),
]
# Rough share of the build time each step takes, for the progress bar.
WEIGHTS = [1, 4, 7, 2, 8, 9, 1, 31, 27, 10]

TABLES = ("institutions", "programs", "cohorts", "groups", "facilitators", "group_facilitators", "participants",
          "memberships", "sessions", "attendance", "instruments", "items", "survey_waves", "wave_eligible",
          "responses", "answers")

def _params(scale: str) -> dict[str, object]:
    return dict(SCALES[scale], as_of=DATA_AS_OF, last_ay=LAST_AY, school=SCHOOL_NAME, places=PLACES,
                suffixes=SUFFIXES, comments=COMMENTS)


def _load_helpers(con: duckdb.DuckDBPyConnection) -> None:
    """The helper macros and tables of sql/demo/helpers.sql, filled from this module's tables."""
    sched = [["md", n + 1, cy, month, TOPICS[n]] for n, (cy, month) in enumerate(MD_PLAN)]
    sched += [["monthly", n + 1, 0, month, TOPICS[n]] for n, month in enumerate(MONTHLY_PLAN)]
    items = {row["item_id"]: row for row in ITEMS}
    frames = {
        "demo_templates": pd.DataFrame(PROGRAM_TEMPLATES, columns=["t", "name", "kind", "years", "first_class_year",
                                                                   "size", "joined"]),
        "demo_schedule": pd.DataFrame(sched, columns=["plan", "n", "cy", "month", "topic"]),
        "demo_items": pd.DataFrame([[item_id, wkind, model, pos, shift, items[item_id]["reverse_scored"]]
                                    for pos, (item_id, (wkind, model, shift)) in enumerate(ITEM_MODELS.items())],
                                   columns=["item_id", "wkind", "model", "pos", "shift", "reverse"]),
    }
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        run_script(con, "demo/helpers")
    finally:
        for name in frames:
            con.unregister(name)


def _holds_real_data(path: Path) -> bool:
    try:
        return peek(path)[1].get("is_demo") != "true"
    except PeersError:
        return False


def build_demo(path: Path, scale: str = "school", seed: int = 2017,
               progress: Callable[[float, str], None] | None = None, force: bool = False) -> dict[str, int]:
    """Write a fresh demo database at `path`; returns the row count of every table. An existing file is
    replaced only with force=True, and then kept as `<path>.previous`."""
    if scale not in SCALES:
        raise PeersError(f"unknown demo scale {scale!r}: choose one of {', '.join(SCALES)}")
    path = Path(path)
    if path.exists() and not force:
        what = "real data" if _holds_real_data(path) else "a database"
        raise PeersError(f"{path.name} already exists and holds {what}: demo never writes over a file. Choose "
                         f"another --db, or pass --force to replace it (the old file is kept as {path.name}.previous).")
    report = progress or (lambda fraction, message: None)
    params = _params(scale)
    total, done = sum(WEIGHTS), 0
    with writing(path, new=True, demo=True, keep_previous=force) as con:
        run_script(con, "demo/settings", {"threads": max(1, min(os.cpu_count() or 2, 8)), "seed": int(seed)})
        load_catalog(con)
        _load_helpers(con)
        for (label, scripts), weight in zip(STEPS, WEIGHTS):
            report(done / total, f"Building the {scale} demo: {label}")
            started = time.monotonic()
            for script in scripts:
                run_script(con, f"demo/{script}", params)
            done += weight
            _log.info("demo step %s: %.1f s", label, time.monotonic() - started)
        for when, words in DEMO_CHANGES:
            add_change(con, when, words, "demo")
        set_meta(con, demo_seed=seed, demo_scale=scale, data_as_of=DATA_AS_OF.isoformat())
        report(0.99, "Saving the database")
        counts = {t: con.execute("SELECT count(*) FROM " + t).fetchall()[0][0] for t in TABLES}
    report(1.0, "Done")
    return counts
