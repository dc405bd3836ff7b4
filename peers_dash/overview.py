"""The home page's headline figures for one academic year, each with its change since the year before."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb

from peers_dash import stats
from peers_dash.filters import CohortFilter
from peers_dash.privacy import SHOWN, SMALL, STATUS
from peers_dash.queries import ATTENDANCE_SOURCES, attendance_source, render_sql, response_rates, survey_items

SUPPORT_ITEM = "peers_space"  # "My PEERS group is a space where I can talk about challenges"


@dataclass(frozen=True)
class Metric:
    """One headline figure. value is None when hidden (hidden says why) or when there is no data."""

    label: str
    kind: str                      # 'count' or 'rate'
    value: float | None
    n: int | None                  # distinct people behind a rate
    previous: float | None = None
    change: float | None = None
    change_lo: float | None = None
    change_hi: float | None = None
    changed: bool = False          # the change's 95% interval excludes zero
    hidden: str = ""               # '', 'small' or 'protected'


def headline_year(con: duckdb.DuckDBPyConnection, filt: CohortFilter, today: date) -> int | None:
    """The academic year the home page reports: the latest one in the filter's range with attendance,
    or the one before it while the latest is still under way (a partial year reads as a fall)."""
    where, params = filt.where("attendance")
    years = [r[0] for r in con.execute(render_sql("headline_years", (), where, attendance_source(filt)),
                                        params).fetchall()]
    if not years:
        return None
    latest = years[-1]
    in_progress = today < date(latest + 1, 7, 1)
    if in_progress and len(years) > 1 and filt.year_to is None:
        return years[-2]
    return latest


def headline(con: duckdb.DuckDBPyConnection, filt: CohortFilter, min_n: int, today: date) -> tuple[int | None, list[Metric]]:
    """(year, metrics): trainees, groups, sessions held, attendance rate, annual survey response rate and
    the share who feel their PEERS group is a space to talk about challenges."""
    year = headline_year(con, filt, today)
    if year is None:
        return None, []
    where, params = filt.where("attendance")
    rollup = attendance_source(filt) == ATTENDANCE_SOURCES["person_year"]
    name = "headline_attendance_py" if rollup else "headline_attendance"
    rows = {r[0]: r[1:] for r in con.execute(
        render_sql(name, (), where), {**params, "years": [year - 1, year]}).fetchall()}
    now, before = rows.get(year), rows.get(year - 1)
    metrics = []
    for i, label in enumerate(("Trainees attending", "PEERS groups", "Sessions held")):
        metrics.append(_count_metric(label, now, before, i, min_n))
    metrics.append(_rate_metric("Attendance rate", now and (now[3], now[3] + now[4], now[0]),
                                before and (before[3], before[3] + before[4], before[0]), min_n))
    two_years = replace(filt, year_from=year - 1, year_to=year)
    rr = response_rates(con, two_years, ["year"], min_n)
    metrics.append(_from_frame("Survey response rate", rr, year, "n_responded", "n_eligible", "n_eligible"))
    fav = survey_items(con, two_years, [SUPPORT_ITEM], ["year"], min_n)
    metrics.append(_from_frame("Feel their group is a space to talk", fav, year, "n_favorable", "n_rated",
                               "n_people"))
    return year, metrics


def _count_metric(label: str, now, before, i: int, min_n: int) -> Metric:
    if now is None:
        return Metric(label, "count", None, None)
    if now[0] < min_n:
        return Metric(label, "count", None, None, hidden=SMALL)
    prev = before[i] if before is not None and before[0] >= min_n else None
    return Metric(label, "count", float(now[i]), int(now[0]), previous=prev,
                  change=None if prev is None else float(now[i] - prev))


def _rate_metric(label: str, now, before, min_n: int) -> Metric:
    """now/before: (k, n, people) or None."""
    if not now or now[1] == 0:
        return Metric(label, "rate", None, None)
    if now[2] < min_n:
        return Metric(label, "rate", None, None, hidden=SMALL)
    value = now[0] / now[1]
    if not before or before[1] == 0 or before[2] < min_n:
        return Metric(label, "rate", value, int(now[2]))
    diff, lo, hi = stats.newcombe_diff(before[0], before[1], now[0], now[1])
    return Metric(label, "rate", value, int(now[2]), previous=before[0] / before[1], change=diff,
                  change_lo=lo, change_hi=hi, changed=stats.is_change(lo, hi))


def _from_frame(label: str, df, year: int, k: str, n: str, people: str) -> Metric:
    def pick(y: int):
        row = df[df["ay"] == y]
        if row.empty:
            return None
        r = row.iloc[0]
        if r[STATUS] != SHOWN:
            return r[STATUS]
        return (r[k], r[n], r[people])

    now, before = pick(year), pick(year - 1)
    if isinstance(now, str):
        return Metric(label, "rate", None, None, hidden=now)
    return _rate_metric(label, now, before if not isinstance(before, str) else None, min_n=0)
