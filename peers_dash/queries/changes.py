"""Program changes an administrator records (a new curriculum, a move to virtual sessions), and what each
trend says about them: the years before against the years from the change on.

A change belongs to the academic year it happened in: that year and the later ones are 'after', the earlier
ones 'before' (a new curriculum from September 2023 is the 2023-24 year's). The comparison pools the yearly
figures the trend shows, which are sums of published cells, so it is never finer than the trend itself."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from peers_dash import PeersError
from peers_dash.model.filters import CohortFilter, year_label
from peers_dash.queries import stats
from peers_dash.sql import load

MAX_WORDS = 200


def in_view(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> pd.DataFrame:
    """The changes that bear on a view: change_id, changed_on, ay, words, institution_id, program_id."""
    return con.execute(load("queries/program_changes"), {"institutions": [int(i) for i in filt.institutions],
                                                         "programs": [int(p) for p in filt.programs]}).df()


def record(path: Path, changed_on: date, words: str, who: str, program_id: int | None = None,
           institution_id: int | None = None) -> int:
    """Write one change (a new data version); returns its id. Words are kept as written, shown as text."""
    from peers_dash.store.writer import writing  # the writer imports the ingest stack: only when writing

    words = " ".join(str(words).split())
    if not words:
        raise PeersError("Say in a few words what changed (for example: 'New curriculum for MS1').")
    if len(words) > MAX_WORDS:
        raise PeersError(f"Keep it under {MAX_WORDS} characters: it is drawn on every trend.")
    if changed_on > date.today():
        raise PeersError(f"{changed_on.isoformat()} is in the future: record a change once it has happened.")
    with writing(path) as con:
        return add(con, changed_on, words, who, program_id, institution_id)


def add(con: duckdb.DuckDBPyConnection, changed_on: date, words: str, who: str, program_id: int | None = None,
        institution_id: int | None = None) -> int:
    """Insert one change on a writer's connection (record checks it first; the demo's are made up); returns
    its id."""
    return int(con.execute(load("notes/add_change"), {"changed_on": changed_on, "words": words, "who": who,
                                                     "program_id": program_id,
                                                     "institution_id": institution_id}).fetchall()[0][0])


def remove(path: Path, change_id: int) -> None:
    """Delete one change (a new data version)."""
    from peers_dash.store.writer import writing

    with writing(path) as con:
        con.execute(load("notes/remove_change"), {"change_id": int(change_id)}).fetchall()


@dataclass(frozen=True)
class BeforeAfter:
    """A measure's years before a change against its years from the change on."""

    before: float
    after: float
    n_before: int
    n_after: int
    years_before: str
    years_after: str
    difference: float
    lo: float
    hi: float
    real: bool              # the interval of the difference excludes zero
    better: bool | None     # in the measure's own direction; None when not real or no direction


def before_after(trend: pd.DataFrame, change_ay: int, show: str, higher_is_better: bool | None) -> BeforeAfter | None:
    """Pool a measure's yearly figures (measures.trend, all together) before and from `change_ay` on: the
    share's counts (Newcombe's interval for the difference) or the mean's (Welch's, from each year's n, mean
    and standard deviation). None without a year on both sides."""
    if trend.empty:
        return None
    before, after = trend[trend["ay"] < change_ay], trend[trend["ay"] >= change_ay]
    if before.empty or after.empty:
        return None
    if show == "share":
        k0, n0, k1, n1 = (float(before["n_share"].sum()), float(before["n_responses"].sum()),
                          float(after["n_share"].sum()), float(after["n_responses"].sum()))
        if not n0 or not n1:
            return None
        v0, v1 = k0 / n0, k1 / n1
        d, lo, hi = stats.newcombe_diff(k0, n0, k1, n1)
    else:
        (v0, s0, n0), (v1, s1, n1) = _pooled(before), _pooled(after)
        d, lo, hi = stats.welch_diff(v0, s0, n0, v1, s1, n1)
    real = bool(stats.is_change(lo, hi))
    better = None if not real or higher_is_better is None else (d > 0) == higher_is_better
    return BeforeAfter(v0, v1, int(n0), int(n1), _span(before), _span(after), d, lo, hi, real, better)


def _pooled(years: pd.DataFrame) -> tuple[float, float, float]:
    """(mean, sd, n) of several years from each year's n, mean and sd."""
    n, m, sd = years["n_responses"].astype(float), years["mean"].astype(float), years["sd"].astype(float).fillna(0)
    total = float(n.sum())
    mean = float((n * m).sum() / total)
    within = float(((n - 1) * sd * sd).sum())
    between = float((n * (m - mean) ** 2).sum())
    return mean, math.sqrt((within + between) / (total - 1)) if total > 1 else 0.0, total


def _span(years: pd.DataFrame) -> str:
    first, last = int(years["ay"].min()), int(years["ay"].max())
    return year_label(first) if first == last else f"{year_label(first)} to {year_label(last)}"
