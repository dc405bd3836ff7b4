"""Small-cell suppression: no number computed from fewer than the minimum cell size leaves the query layer.

A cell is a row of an aggregate frame; its size is the number of distinct people behind it (never rows).
- primary suppression: a cell with fewer than `min_n` people is hidden and reads "fewer than N";
- complementary suppression: a breakdown over dimensions (say academic year x class year) has a total for
  every margin (each year, each class year, everything), and pages show those totals. Within every margin,
  if the hidden cells could be recovered by subtraction (only one hidden, or the hidden ones together still
  under N), the next smallest cells are hidden too, with their own marker, until no margin gives one away.
Hidden cells keep their labels; every number in them (the count of people included) becomes missing.
"""
from __future__ import annotations

from itertools import combinations
from typing import Sequence

import numpy as np
import pandas as pd

SHOWN = "shown"
SMALL = "small"           # primary: fewer than N people
PROTECTED = "protected"   # complementary: hidden so that a small cell cannot be worked out
STATUS = "privacy"


def small_marker(min_n: int) -> str:
    return f"fewer than {min_n}"


PROTECTED_MARKER = "hidden to protect a small group"


def marker(status: str, min_n: int) -> str:
    """The words shown in place of a hidden value ('' for a shown one)."""
    return {SMALL: small_marker(min_n), PROTECTED: PROTECTED_MARKER}.get(status, "")


def suppress(
    df: pd.DataFrame,
    *,
    n_col: str,
    min_n: int,
    dims: Sequence[str] = (),
    within: Sequence[str] = (),
    complementary: bool = True,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """A copy of `df` with a `privacy` column and every numeric column blanked in hidden rows.

    n_col: distinct people behind each row. dims: the breakdown's dimensions (complementary suppression
    protects every margin of them). within: columns whose values never add up (e.g. separate questions):
    each value is protected on its own. keep: numeric columns that are labels, not measures (e.g.
    session_number), left as they are.
    """
    out = df.copy()
    n = pd.to_numeric(out[n_col], errors="coerce").fillna(0).to_numpy()
    status = np.where(n < min_n, SMALL, SHOWN).astype(object)
    if complementary and len(out) and (status != SHOWN).any():
        margins = [list(within) + list(c) for r in range(len(dims)) for c in combinations(dims, r)]
        changed = True
        while changed:  # protecting a cell in one margin can expose it in another: repeat until stable
            changed = False
            for cols in margins:
                parts = [np.arange(len(out))] if not cols else \
                    out.groupby(cols, sort=False, dropna=False).indices.values()
                for idx in parts:
                    changed |= _protect(idx, n, status, min_n)
    out[STATUS] = status
    hidden = out[STATUS] != SHOWN
    for c in out.columns:
        if c not in keep and c != STATUS and pd.api.types.is_numeric_dtype(out[c]):
            out[c] = out[c].astype("float64")
            out.loc[hidden, c] = np.nan
    return out


def _protect(idx: np.ndarray, n: np.ndarray, status: np.ndarray, min_n: int) -> bool:
    """Hide the next smallest cells of one margin until its hidden cells cannot be recovered from its
    total; returns whether anything was hidden."""
    changed = False
    while True:
        hidden = idx[status[idx] != SHOWN]
        shown = idx[status[idx] == SHOWN]
        if not len(hidden) or not len(shown):
            return changed
        if len(hidden) >= 2 and n[hidden].sum() >= min_n:
            return changed
        nxt = min(shown, key=lambda i: (n[i], i))
        status[nxt] = PROTECTED
        changed = True


def all_hidden(df: pd.DataFrame) -> bool:
    """True when there are rows and every one of them is hidden."""
    return len(df) > 0 and bool((df[STATUS] != SHOWN).all())


def present(df: pd.DataFrame, columns: dict[str, str], min_n: int, percent: Sequence[str] = (),
            for_screen: bool = False) -> pd.DataFrame:
    """The table behind a chart: chosen columns under plain names, hidden cells reading their marker
    (never 0 or blank). for_screen formats rates as '82%' and counts with separators; otherwise numbers
    stay numbers for a spreadsheet."""
    out = pd.DataFrame(index=df.index)
    hidden = df[STATUS] != SHOWN if STATUS in df else pd.Series(False, index=df.index)
    words = df[STATUS].map(lambda s: marker(s, min_n)) if STATUS in df else None
    for col, name in columns.items():
        values = df[col]
        is_measure = pd.api.types.is_numeric_dtype(values) and col not in ("ay", "session_number")
        if for_screen and is_measure:
            fmt = (lambda v: "" if pd.isna(v) else f"{v:.0%}") if col in percent else \
                  (lambda v: "" if pd.isna(v) else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"))
            values = values.map(fmt)
        if is_measure and hidden.any():
            values = values.astype(object).where(~hidden, words)
        out[name] = values
    return out.reset_index(drop=True)
