"""The consortium beside a school: the same figure for every institution together, and its middle half.

A consortium figure reads the consortium's cells (sql/protect/consortium_*.sql: published cells added up
across institutions), keeping only cells to which enough institutions contribute (CohortFilter.consortium), so
that a leader who subtracts their own school's figure learns about two other schools together at least, never
one. Only institutions that add to a figure's denominator count (a school whose sessions in a cell were all
excused adds nothing to an attendance rate). Where at least MIDDLE_HALF_MIN institutions besides the viewer's
own have a figure, the row also gets the middle half of those figures, each end the mean of three
institutions' figures around the quartile: a range, never one school's figure. Every value leaves rounded
(a share to whole percent, a mean to a tenth), so no count can be read back from it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

import duckdb
import numpy as np
import pandas as pd

from peers_dash import queries
from peers_dash.model.dimensions import BY_KEY, OWN_TO_INSTITUTION
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import measures

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
           exclude: Sequence[int] = (), **kwargs) -> pd.DataFrame:
    """The consortium's `figure` per row of the breakdown `by` (none of which may belong to one institution):
    the breakdown's columns, `consortium` (rounded: a share to whole percent, a mean to a tenth, so no count
    can be read back from it), and, where at least MIDDLE_HALF_MIN institutions besides `exclude` (the
    viewer's own) have a figure of their own, the middle half: `middle_lo` and `middle_hi`, each the mean of
    the three institutions' figures around the 25th or 75th percentile (never one school's figure), rounded
    the same way, and `n_institutions`, how many institutions that is."""
    if not filt.across:
        raise ValueError("a consortium figure needs a consortium filter (CohortFilter.consortium)")
    if any(getattr(filt, str(BY_KEY[d].field)) for d in OWN_TO_INSTITUTION) or set(by) & set(OWN_TO_INSTITUTION):
        raise ValueError("a consortium figure cannot be narrowed to, or broken down by, one institution's parts")
    function, value = FIGURES[figure]
    df = function(con, filt, *args, by=list(by), **kwargs)
    keys = [queries.DIMS[d] for d in by]
    words = {BY_KEY[d].label_column for d in by} | {BY_KEY[d].key for d in by}
    out_columns = list(dict.fromkeys([*keys, *[c for c in df.columns if c in words]]))
    if df.empty or value not in df.columns:
        return pd.DataFrame(columns=[*out_columns, "consortium", "n_institutions", "middle_lo", "middle_hi"])
    step = 0.01 if figure != "measure_mean" else 0.1
    out = df[out_columns].assign(consortium=_round(df[value], step))
    own = function(con, replace(filt, across=0), *args, by=[*by, "institution"], **kwargs)
    if not own.empty and value in own.columns:
        own = own[own[value].notna() & ~own["institution_id"].isin(list(exclude))]
    spread = _middle_half(own, keys, value, step)
    if keys:
        return out.merge(spread, on=keys, how="left")
    return out.assign(**{c: spread[c].iloc[0] if len(spread) else float("nan")
                         for c in ("n_institutions", "middle_lo", "middle_hi")})


def _round(values: pd.Series, step: float) -> pd.Series:
    """To the nearest step (0.01 or 0.1), written as that many decimals (no 0.7000000000000001 in a CSV)."""
    return ((values / step).round() * step).round(len(f"{step:g}".split(".")[-1]))


def _middle_half(own: pd.DataFrame, keys: list[str], value: str, step: float) -> pd.DataFrame:
    """Per row: how many institutions have a figure, and around the 25th and 75th percentile of their figures
    the mean of three neighbouring ones (NaN below MIDDLE_HALF_MIN institutions)."""
    columns = [*keys, "n_institutions", "middle_lo", "middle_hi"]
    if own.empty or value not in own.columns:
        return pd.DataFrame(columns=columns)
    rows = []
    groups = own.groupby(keys, dropna=False, sort=False) if keys else [((), own)]
    for key, part in groups:
        figures = np.sort(part[value].to_numpy(dtype=float))
        n = len(figures)
        lo = hi = float("nan")
        if n >= MIDDLE_HALF_MIN:
            lo, hi = (float(figures[_around(q, n)].mean()) for q in (0.25, 0.75))
        rows.append([*(key if isinstance(key, tuple) else (key,))][:len(keys)] + [n if n >= MIDDLE_HALF_MIN else np.nan,
                                                                                    lo, hi])
    spread = pd.DataFrame(rows, columns=columns)
    spread["middle_lo"], spread["middle_hi"] = _round(spread["middle_lo"], step), _round(spread["middle_hi"], step)
    return spread


def _around(q: float, n: int) -> slice:
    """The three positions of n sorted figures around the q-th quantile."""
    centre = int(round(q * (n - 1)))
    start = min(max(centre - 1, 0), n - 3)
    return slice(start, start + 3)
