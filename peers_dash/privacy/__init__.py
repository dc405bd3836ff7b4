"""Privacy: protection at write time (protect), who may see what (access), text from files shown as text
(escape), and here what a page says about protection. Plain Python: no streamlit.

What a page says about protection, and the table behind a chart.

Protection itself happens once, when data is written (peers_dash.privacy.protect): the published tables hold only
cells of at least N people, so the frames the queries return have nothing to hide. This module only words
what was left out (counted when the data was written, rounded down to tens per program and year: an exact
count of a few left-out people would itself be a small number) and formats tables for the screen and CSV.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd


def left_out_note(n: int, min_n: int, kind: str) -> str:
    """One sentence on what protection leaves out of the programs and years in view (n is rounded down to tens
    per program and year when the data was written)."""
    whom = "people" if kind == "attendance" else "survey respondents"
    amount = f"about {n:,} {whom}" if n else f"fewer than 10 {whom} in each program and year"
    return (f"Groups of fewer than {min_n} people, and single PEERS groups, are left out of every figure, so that no "
            f"figure and no difference between two figures singles anyone out: in the programs and years in view "
            f"that leaves out {amount}.")


def present(df: pd.DataFrame, columns: dict[str, str], percent: Sequence[str] = (),
            for_screen: bool = False) -> pd.DataFrame:
    """The table behind a chart: chosen columns under plain names. for_screen formats shares as '82%' and
    counts with separators; otherwise numbers stay numbers for a spreadsheet, shares as percentages (82.4)
    under a heading that says so ('Attendance rate (%)'): a CSV reads as the screen does."""
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
        elif is_measure and col in percent:
            values, name = (values.astype("float64") * 100).round(1), f"{name} (%)"
        out[name] = values
    return out.reset_index(drop=True)
