"""Differencing protection: a filtered view is shown only if, for each filter, the people it leaves out
compared with a neighbouring view number 0 or at least the minimum cell size.

Two views that differ by a handful of people give those people away ("all MS2" minus "MS2 without group
7" is group 7). The neighbours of a view are the views one choice away: each filter cleared, each chosen
value dropped, and the year range one year shorter at either end. People are counted distinct:
participants for attendance, respondents for survey results.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import duckdb

from peers_dash.filters import CohortFilter, Kind, ay_label
from peers_dash.queries import attendance_source

LABELS = {"institutions": "institution", "programs": "program", "cohorts": "cohort", "class_years": "class year",
          "groups": "group", "modalities": "session format", "years": "academic year"}
_COUNT = {  # constant statements; {where} is CohortFilter.where()'s fragment of bound parameters, {source}
    # the attendance table queries.attendance_source picks
    "attendance": "SELECT count(DISTINCT participant_id) FROM {source} WHERE {where}",
    "survey": "SELECT coalesce(sum(n), 0) FROM response_rollup WHERE {where}",
}


def people(con: duckdb.DuckDBPyConnection, filt: CohortFilter, kind: Kind) -> int:
    """Distinct people a view covers: participants (attendance) or respondents (survey)."""
    where, params = filt.where(kind)
    sql = _COUNT[kind].format(where=where, source=attendance_source(filt))
    return int(con.execute(sql, params).fetchall()[0][0])


def neighbours(filt: CohortFilter, kind: Kind) -> list[tuple[str, CohortFilter]]:
    """(what differs, the neighbouring view) for every view one choice away."""
    out: list[tuple[str, CohortFilter]] = []
    ignored = {"groups", "modalities"} if kind == "survey" else set()
    for name in filt.active():
        if name in ignored:
            continue
        if name == "years":
            out.append(("without the academic-year range", filt.without("years")))
            if filt.year_from is not None and filt.year_to is not None and filt.year_to > filt.year_from:
                out.append((f"with {ay_label(filt.year_from)} left out", replace(filt, year_from=filt.year_from + 1)))
                out.append((f"with {ay_label(filt.year_to)} left out", replace(filt, year_to=filt.year_to - 1)))
            continue
        out.append((f"without the {LABELS[name]} filter", filt.without(name)))
        values = getattr(filt, name)
        if len(values) > 1:
            for v in values:
                out.append((f"without one of the chosen {LABELS[name]} values", replace(filt, **{name: tuple(
                    x for x in values if x != v)})))
    return out


def check(con: duckdb.DuckDBPyConnection, filt: CohortFilter, kind: Kind, min_n: int,
          label: Callable[[str, object], str] | None = None) -> str | None:
    """Why the view cannot be shown, in plain words, or None when it can."""
    if filt.is_default():
        return None
    here = people(con, filt, kind)
    whom = "respondents" if kind == "survey" else "people"
    for what, other in neighbours(filt, kind):
        there = people(con, other, kind)
        small, big = sorted((here, there))
        if 0 < big - small < min_n:
            return (f"This view is hidden: it differs from the view {what} by fewer than {min_n} {whom}, who "
                    f"could be picked out by comparing the two. Widen or change the filter.")
    return None
