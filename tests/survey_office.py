"""A survey-only office (no roster, no attendance) with a survey no one here wrote, built through the real import.

A 6-year medical school exports its annual well-being survey from a form tool: class years written "Year 1" to
"Year 6", PHQ-9 answered 1-4 (the tool numbers answers from 1), a Maslach emotional exhaustion total the tool
computed, a yes/no question of its own, a 1-7 question of its own, and a name column no one should ever see.
Two waves, about 60 respondents per class year each, with some PHQ-9 questions skipped. The CSV bytes are kept
so that tests can compute every figure independently from the file.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

PHQ = [f"PHQ9_{i}" for i in range(1, 10)]
MAPPING = """\
# The annual well-being survey of a 6-year medical school (one row per respondent)
program = "School of Medicine"

[columns]
respondent = "ResponseId"
class_year = "Year of study"

[programs."School of Medicine"]
kind = "md"
years = 6

[translate.class_year]
"Year 1" = "MS1"
"Year 2" = "MS2"
"Year 3" = "MS3"
"Year 4" = "MS4"
"Year 5" = "MS5"
"Year 6" = "MS6"

[[instrument]]
id = "phq9"
columns = ["PHQ9_1", "PHQ9_2", "PHQ9_3", "PHQ9_4", "PHQ9_5", "PHQ9_6", "PHQ9_7", "PHQ9_8", "PHQ9_9"]
numbers_from = 1

[[instrument]]
id = "maslach_ee"
score = "EE total"

[[question]]
column = "Enough sleep"
new_item = "sleep_enough"
type = "yes_no"
text = "Do you usually get enough sleep?"
construct = "sleep"
higher_is_better = true

[[question]]
column = "Belonging"
new_item = "belonging"
text = "I feel I belong at this school"
short_label = "I belong here"
construct = "community"
scale = [1, 7]
favourable = [5, 7]
higher_is_better = true
"""


@dataclass
class Office:
    db: Path
    files: dict[str, bytes]          # wave -> CSV bytes
    mapping: bytes


def survey_csv(year: int, seed: int, per_year: int = 60) -> bytes:
    """One wave's export: ResponseId, Name, Year of study, PHQ9_1..9 (1-4, some blank), EE total, Enough sleep,
    Belonging."""
    rng = np.random.default_rng(seed)
    rows = []
    for study_year in range(1, 7):
        for k in range(per_year + 3 * study_year):
            strain = rng.uniform(0, 1) * (0.6 + 0.08 * study_year)
            phq = [int(np.clip(round(strain * 3 + rng.normal(0, 0.7)), 0, 3)) + 1 for _ in PHQ]
            if rng.uniform() < 0.08:
                phq[int(rng.integers(0, 9))] = None  # skipped: no PHQ-9 score
            rows.append({
                "ResponseId": f"R_{year}_{study_year}_{k:03d}", "Name": f"Student {study_year}-{k}",
                "Year of study": f"Year {study_year}", **dict(zip(PHQ, phq)),
                "EE total": int(np.clip(round(strain * 54 + rng.normal(0, 6)), 0, 54)),
                "Enough sleep": "Yes" if rng.uniform() > strain else "No",
                "Belonging": int(np.clip(round(6 - strain * 4 + rng.normal(0, 1)), 1, 7)),
            })
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    return buf.getvalue().encode()


def build(folder: Path) -> Office:
    """A new database holding the two waves, imported as an office would (creating its program)."""
    from peers_dash.ingest.pipeline import Request, init_database, run_import

    db = folder / "survey_office.duckdb"
    init_database(db, "Survey-only University")
    files = {"2023-24 annual": survey_csv(2023, 1), "2024-25 annual": survey_csv(2024, 2)}
    for wave, data in files.items():
        outcome = run_import(db, Request("survey", [(f"wellbeing_{wave[:4]}.csv", data)], wave=wave,
                                         mapping=("wellbeing.toml", MAPPING.encode()), create_new=True, who="test"))
        assert outcome.applied, outcome.report.lines()
    return Office(db, files, MAPPING.encode())


def expected(data: bytes) -> pd.DataFrame:
    """Per class year, computed from the file alone: respondents and figures of each measure."""
    df = pd.read_csv(io.BytesIO(data))
    df["class_year"] = "MS" + df["Year of study"].str.extract(r"(\d)")[0]
    complete = df[PHQ].notna().all(axis=1)
    df["phq9"] = (df[PHQ] - 1).sum(axis=1).where(complete)
    out = df.groupby("class_year").agg(
        n_phq=("phq9", "count"), phq_mean=("phq9", "mean"),
        phq_share=("phq9", lambda s: (s.dropna() >= 10).mean()),
        n_ee=("EE total", "count"), ee_mean=("EE total", "mean"),
        ee_share=("EE total", lambda s: (s >= 27).mean()),
        sleep_share=("Enough sleep", lambda s: (s == "Yes").mean()),
        belong_share=("Belonging", lambda s: (s >= 5).mean()), belong_mean=("Belonging", "mean"))
    return out
