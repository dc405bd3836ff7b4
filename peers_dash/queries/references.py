"""What good looks like: the office's targets and published benchmarks, drawn as lines on a figure's charts.

A target is the office's own aim ("80% attendance"); a benchmark is a figure someone published for the same
measure (a national PHQ-9 share among medical students), always shown with its source, which the
administrator must give. The dashboard ships none of either: a benchmark is only as good as its citation,
and the office chooses which ones are comparable with its people."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from peers_dash import PeersError
from peers_dash.model.filters import CohortFilter
from peers_dash.sql import load

# The attendance figures a target can be set for, beside every survey measure (by its key).
ATTENDANCE_FIGURES = {"attendance_rate": "Attendance rate", "reach": "Reach", "response_rate": "Survey response rate"}
KINDS = ("target", "benchmark")


def in_view(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> pd.DataFrame:
    """ref_id, kind, figure, shown_as, value, source, institution_id of the lines that bear on a view."""
    return con.execute(load("queries/reference_lines"), {"institutions": [int(i) for i in filt.institutions]}).df()


def lines_for(refs: pd.DataFrame, figure: str, show: str = "share") -> list[tuple[str, float]]:
    """(label, value) of the lines of one figure as a chart shows it: 'Target' or 'Benchmark: <source>'."""
    if refs.empty:
        return []
    mine = refs[(refs["figure"] == figure) & (refs["shown_as"] == show)]
    return [("Target" if r.kind == "target" else f"Benchmark: {r.source}", float(r.value))
            for r in mine.itertuples()]


def record(path: Path, kind: str, figure: str, show: str, value: float, source: str, who: str,
           scale: tuple[float | None, float | None] = (None, None)) -> int:
    """Write one target or benchmark (a new data version); returns its id. A share is given as a fraction
    (0.8); a mean on the measure's scale (`scale`, when known)."""
    from peers_dash.store.writer import writing  # the writer imports the ingest stack: only when writing

    source = " ".join(str(source or "").split())
    if kind not in KINDS:
        raise PeersError(f"A line is a target or a benchmark, not {kind!r}.")
    if kind == "benchmark" and not source:
        raise PeersError("Give the benchmark's source (who published it, for whom, when): a figure without one "
                         "cannot be compared.")
    lo, hi = (0.0, 1.0) if show == "share" else scale
    if value is None or value != value:
        raise PeersError("Give the line's value (a percentage for a share, a mean on the measure's scale).")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise PeersError(f"{value:g} is outside the figure's range ({lo:g} to {hi:g})." if lo is not None and
                         hi is not None else f"{value:g} is not a number this figure can take.")
    with writing(path) as con:
        next_id = con.execute(load("notes/add_reference_line"),
                              {"kind": kind, "figure": figure, "shown_as": show, "value": float(value),
                               "source": source or None, "who": who}).fetchall()[0][0]
    return int(next_id)


def remove(path: Path, ref_id: int) -> None:
    """Delete one target or benchmark (a new data version)."""
    from peers_dash.store.writer import writing

    with writing(path) as con:
        con.execute(load("notes/remove_reference_line"), {"ref_id": int(ref_id)}).fetchall()
