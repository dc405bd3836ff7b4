"""Each program (or institution) beside the whole view, figure by figure: the grid a leader reads first on the
Programs page. A cell is a program's share, its difference from the whole view, and whether that difference is
real: the program against the rest of the view (Newcombe's interval for two shares excludes zero).

Everything here is added up from the frames the queries return, which hold published cells only. The whole
view is the sum of its rows (small programs' combined row included), the figure the Overview shows; the rest is
the whole minus one row. Both are sums of published cells, so nothing here is finer than a published figure."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from peers_dash.queries import stats

COMBINED = "Other (small groups combined)"


@dataclass(frozen=True)
class Column:
    """One figure of the grid: a frame of rows by unit with a count `k` out of `n`."""

    name: str                        # as the pages name it (glossary.TERMS)
    frame: pd.DataFrame
    k: str
    n: str
    higher_is_better: bool | None = True


def against_whole(columns: list[Column], unit: str) -> pd.DataFrame:
    """Long frame: unit, figure, higher_is_better (the figure's direction), share, n, whole (the view's share),
    difference, lo, hi (its 95% interval, the unit against the rest of the view), real (the interval excludes
    zero) and better (True/False in the figure's own direction, None when not real or the figure has no
    direction). Combined rows add to the whole but get no row of their own."""
    parts = []
    for col in columns:
        df = col.frame
        if df.empty or col.k not in df.columns:
            continue
        k_all, n_all = float(df[col.k].sum()), float(df[col.n].sum())
        if not n_all:
            continue
        whole = k_all / n_all
        own = df[(df[unit] != COMBINED) & df[unit].notna() & (df[col.n] > 0)]
        k, n = own[col.k].astype("float64"), own[col.n].astype("float64")
        _, lo, hi = stats.newcombe_frame(k_all - k, n_all - n, k, n)  # the unit against the rest of the view
        share = (k / n).to_numpy()
        real = ~np.isnan(lo) & ((lo > 0) | (hi < 0))
        better = pd.Series([None] * len(own), dtype=object)
        if col.higher_is_better is not None:
            better[real] = ((share > whole) == col.higher_is_better)[real]
        parts.append(pd.DataFrame({unit: own[unit].to_numpy(), "figure": col.name,
                                   "higher_is_better": col.higher_is_better, "share": share,
                                   "n": n.astype(int).to_numpy(), "whole": whole, "difference": share - whole,
                                   "lo": lo, "hi": hi, "real": real, "better": better.to_numpy()}))
    columns_out = [unit, "figure", "higher_is_better", "share", "n", "whole", "difference", "lo", "hi", "real",
                   "better"]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns_out)


def order_units(long: pd.DataFrame, unit: str, first_figure: str, limit: int) -> tuple[list[str], int]:
    """The units to draw, best first on `first_figure` (then by name), at most `limit` of the largest by people
    counted; and how many were left off."""
    if long.empty:
        return [], 0
    size = long.groupby(unit)["n"].max()
    keep = set(size.sort_values(ascending=False, kind="stable").index[:limit])
    lead = long[long["figure"] == first_figure].set_index(unit)["share"]
    units = sorted(keep, key=lambda u: (-lead.get(u, -1.0), str(u)))
    return units, len(size) - len(keep)
