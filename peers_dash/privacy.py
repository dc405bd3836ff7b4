"""What a page says about protection, and the table behind a chart.

Protection itself happens once, when data is written (peers_dash.protect): the published tables hold only
cells of at least N people, so the frames the queries return have nothing to hide. This module only words
what was left out (rounded: an exact count of a few left-out people would itself be a small number) and
formats tables for the screen and for CSV.
"""
from __future__ import annotations

import math
from typing import Sequence

import pandas as pd


def about(n: int, min_n: int) -> str:
    """A count of left-out people or answers in words that do not give a small number away: none, 'fewer
    than N', or 'about' the count rounded to a multiple of N."""
    if n <= 0:
        return ""
    if n < min_n:
        return f"fewer than {min_n}"
    return f"about {max(min_n, int(math.floor(n / min_n + 0.5)) * min_n):,}"


def left_out_note(left: dict, min_n: int, kind: str) -> str:
    """One sentence on what protection leaves out of the view ('' when nothing is)."""
    if kind == "survey":
        words = about(int(left.get("answers") or 0), min_n)
        return (f"Answers from small groups are left out of these figures ({words} in this view), so that no "
                f"figure and no difference between two figures comes from fewer than {min_n} people."
                if words else "")
    people = about(int(left.get("people") or 0), min_n)
    share = float(left.get("records_share") or 0.0)
    if not people and share <= 0:
        return ""
    parts = []
    if people:
        parts.append(f"{people} people")
    if share > 0:
        parts.append("under 1% of attendance records" if share < 0.01 else f"about {share:.0%} of attendance records")
    return (f"Small groups are left out of these figures ({' and '.join(parts)} in this view), so that no figure "
            f"and no difference between two figures comes from fewer than {min_n} people or a single group.")


def present(df: pd.DataFrame, columns: dict[str, str], percent: Sequence[str] = (),
            for_screen: bool = False) -> pd.DataFrame:
    """The table behind a chart: chosen columns under plain names. for_screen formats rates as '82%' and
    counts with separators; otherwise numbers stay numbers for a spreadsheet."""
    out = pd.DataFrame(index=df.index)
    for col, name in columns.items():
        if col not in df.columns:
            continue
        values = df[col]
        is_measure = pd.api.types.is_numeric_dtype(values) and col not in ("ay", "session_number")
        if for_screen and is_measure:
            fmt = (lambda v: "" if pd.isna(v) else f"{v:.0%}") if col in percent else \
                  (lambda v: "" if pd.isna(v) else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"))
            values = values.map(fmt)
        out[name] = values
    return out.reset_index(drop=True)
