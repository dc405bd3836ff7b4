"""The consortium beside a school: the same figure for every institution together, and its middle half.

A consortium figure reads the consortium's cells (sql/protect/consortium_*.sql: published cells added up
across institutions), keeping only cells to which enough institutions contribute (CohortFilter.consortium), so
that a leader who subtracts their own school's figure learns about two other schools together at least, never
one. Where at least MIDDLE_HALF_MIN institutions have a figure of their own in a row, the row also gets the
middle half of those figures (the 25th to the 75th percentile): a range, never a named school's figure.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

import duckdb
import pandas as pd

from peers_dash import measures, queries
from peers_dash.dimensions import BY_KEY, OWN_TO_INSTITUTION
from peers_dash.filters import CohortFilter

MIDDLE_HALF_MIN = 5
# figure -> (query function, the column holding its value)
FIGURES: dict[str, tuple[Callable[..., pd.DataFrame], str]] = {
    "attendance": (queries.attendance, "rate"),
    "reach": (queries.reach, "reach"),
    "response_rates": (queries.response_rates, "response_rate"),
    "measure_share": (measures.summary, "share"),
    "measure_mean": (measures.summary, "mean"),
}


def ready(con: duckdb.DuckDBPyConnection) -> bool:
    """The database has the consortium's cells (written by protect since this version) and at least three
    institutions: fewer can never give a consortium figure."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not set(queries.CONSORTIUM.values()) <= tables:
        return False
    return con.execute("SELECT count(*) FROM institutions").fetchall()[0][0] >= 3


def beside(con: duckdb.DuckDBPyConnection, figure: str, filt: CohortFilter, by: Sequence[str], *args,
           **kwargs) -> pd.DataFrame:
    """The consortium's `figure` per row of the breakdown `by` (none of which may belong to one institution):
    the columns the figure has, plus n_institutions, middle_lo and middle_hi (the middle half of the
    institutions' own figures, where at least MIDDLE_HALF_MIN have one)."""
    if not filt.across:
        raise ValueError("a consortium figure needs a consortium filter (CohortFilter.consortium)")
    if any(getattr(filt, str(BY_KEY[d].field)) for d in OWN_TO_INSTITUTION) or set(by) & set(OWN_TO_INSTITUTION):
        raise ValueError("a consortium figure cannot be narrowed to, or broken down by, one institution's parts")
    function, value = FIGURES[figure]
    df = function(con, filt, *args, by=list(by), **kwargs)
    if df.empty or value not in df.columns:
        return df
    keys = [queries.DIMS[d] for d in by]
    own = function(con, replace(filt, across=0), *args, by=[*by, "institution"], **kwargs)
    own = own[own[value].notna()] if not own.empty and value in own.columns else own
    if own.empty:
        spread = pd.DataFrame(columns=[*keys, "n_institutions", "middle_lo", "middle_hi"])
    else:
        grouped = own.groupby(keys, dropna=False)[value] if keys else own.assign(_all=0).groupby("_all")[value]
        spread = grouped.agg(n_institutions="count", middle_lo=lambda s: s.quantile(0.25),
                             middle_hi=lambda s: s.quantile(0.75)).reset_index().drop(columns="_all", errors="ignore")
        small = spread["n_institutions"] < MIDDLE_HALF_MIN
        spread.loc[small, ["middle_lo", "middle_hi"]] = float("nan")
    if keys:
        return df.merge(spread, on=keys, how="left")
    return df.assign(**{c: spread[c].iloc[0] if len(spread) else float("nan")
                        for c in ("n_institutions", "middle_lo", "middle_hi")})

