"""The home page's headline figures for one academic year, each with its change since the year before."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb
import pandas as pd

from peers_dash.model.filters import CohortFilter, running_year
from peers_dash.queries import stats
from peers_dash.queries import attendance, reach, response_rates, survey_items

SUPPORT_ITEM = "peers_space"  # "My PEERS group is a space where I can talk about challenges"


@dataclass(frozen=True)
class Metric:
    """One headline figure. value is None when there is no data (or the view cannot count it)."""

    label: str
    kind: str                      # 'count' or 'rate'
    value: float | None
    n: int | None                  # what a rate is computed from (n_label says of what)
    n_label: str = "people"
    previous: float | None = None
    change: float | None = None    # counts: only when at least N people changed
    change_lo: float | None = None
    change_hi: float | None = None
    changed: bool = False          # the change's 95% interval excludes zero
    note: str = ""                 # why there is no value, or why the change is not shown

    def text(self, value: float | None) -> str:
        """A value of this figure as the page writes it: '75%' for a rate, '1,234' for a count."""
        return "no data" if value is None else f"{value:.0%}" if self.kind == "rate" else f"{value:,.0f}"


def headline_year(con: duckdb.DuckDBPyConnection, filt: CohortFilter, today: date) -> int | None:
    """The academic year the home page reports: the latest one in view with published attendance, or the one
    before it while the latest is still under way (a partial year reads as a fall)."""
    years = sorted(int(y) for y in attendance(con, filt, ["year"])["ay"])
    if not years:
        return None
    latest = years[-1]
    in_progress = today < date(latest + 1, 7, 1)
    if in_progress and len(years) > 1 and filt.year_to is None:
        return years[-2]
    return latest


def headline(con: duckdb.DuckDBPyConnection, filt: CohortFilter, min_n: int,
             today: date) -> tuple[int | None, list[Metric]]:
    """(year, metrics): trainees who came, groups, sessions held, attendance rate, annual survey response
    rate and the share who feel their PEERS group is a space to talk about challenges."""
    year = headline_year(con, filt, today)
    if year is None:
        return None, []
    two_years = replace(filt, year_from=year - 1, year_to=year)
    partial = year >= running_year(today)  # counts of a year under way are not compared with a whole year
    att = attendance(con, two_years, ["year"]).set_index("ay")
    people = reach(con, two_years, ["year"])
    people = people.set_index("ay") if len(people) else pd.DataFrame()
    metrics = [
        _count("Trainees who came", people, "n_reached", year, min_n, partial,
               unavailable="" if len(people) or not filt.modalities else "Counted across every format"),
        _count("PEERS groups", people, "n_groups", year, 1, partial,
               unavailable="" if len(people) or not filt.modalities else "Counted across every format"),
        _count("Sessions held", att, "n_sessions", year, 1, partial),
        _rate("Attendance rate", att, "n_present", "n_counted", year, n_label="attendances"),
    ]
    rr = response_rates(con, two_years, ["year"]).set_index("ay")
    metrics.append(_rate("Survey response rate", rr, "n_responded", "n_eligible", year, n_label="eligible"))
    fav = survey_items(con, two_years, [SUPPORT_ITEM], ["year"]).set_index("ay")
    metrics.append(_rate("Feel their group is a space to talk", fav, "n_favorable", "n_rated", year,
                         n_label="responses"))
    return year, metrics


def _count(label: str, df: pd.DataFrame, col: str, year: int, min_change: int, partial: bool,
           unavailable: str = "") -> Metric:
    """A count and its change from the year before; a change smaller than `min_change` is not shown (a change
    of a few people would single them out: who left, who joined), nor any change of a year under way."""
    if year not in df.index:
        return Metric(label, "count", None, None, note=unavailable)
    now = float(df.loc[year, col])
    if year - 1 not in df.index:
        return Metric(label, "count", now, None)
    before = float(df.loc[year - 1, col])
    if partial:
        return Metric(label, "count", now, None, previous=before, note="the year is under way, so its count is "
                                                                        "to date")
    change = now - before
    if 0 < abs(change) < min_change:
        return Metric(label, "count", now, None, previous=before,
                      note=f"a change of fewer than {min_change} would single people out")
    return Metric(label, "count", now, None, previous=before, change=change)


def _rate(label: str, df: pd.DataFrame, k: str, n: str, year: int, n_label: str) -> Metric:
    if year not in df.index or not df.loc[year, n]:
        return Metric(label, "rate", None, None, n_label=n_label)
    k1, n1 = float(df.loc[year, k]), float(df.loc[year, n])
    value = k1 / n1
    if year - 1 not in df.index or not df.loc[year - 1, n]:
        return Metric(label, "rate", value, int(n1), n_label=n_label)
    k0, n0 = float(df.loc[year - 1, k]), float(df.loc[year - 1, n])
    diff, lo, hi = stats.newcombe_diff(k0, n0, k1, n1)
    return Metric(label, "rate", value, int(n1), n_label=n_label, previous=k0 / n0, change=diff, change_lo=lo,
                  change_hi=hi, changed=stats.is_change(lo, hi))
