"""Attendance imports, what sign-in sheets (signin) and Zoom or Teams reports (meeting) share.

The rows of a session are replaced as a whole by a new file for that session (one status per person per
session). Every member expected at a session (enrolled in its group on its date) gets a row: a report
lists only who came, so the others are absent.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.stage.staged import Staged, run
from peers_dash.sql import load


def stage_located(con: duckdb.DuckDBPyConnection, report: Report, file: str, source: str) -> Staged:
    """What sign-in sheets and meeting reports share: the temp table `located` holds the matched rows
    (`ok`), `covered` the sessions the file is about. Every member expected at a covered session and not
    listed becomes absent; the covered sessions' rows are replaced as a whole."""
    run(con, _SQL["expected"])
    for r in con.execute(_SQL["outsiders"]).df().pipe(records):
        report.warning(r.file_, r.row_, "person", f"{r.person!r} is not a member of {r.group} on {r.date}: "
                                                  "recorded anyway")
    n_rows, n_sessions, n_absent, replaced = con.execute(_SQL["counts"]).fetchall()[0]
    if n_absent:
        report.warning(file, None, None, f"{n_absent:,} expected members not listed were recorded absent")
    staged = Staged("attendance", f"attendance of {n_sessions:,} sessions", added=n_rows + n_absent,
                    replaced=int(replaced))
    counts = dict(con.execute("SELECT status, count(*) FROM located WHERE ok GROUP BY ALL").fetchall())
    counts["absent"] = counts.get("absent", 0) + n_absent
    staged.summary.append(f"{n_sessions:,} sessions: " + ", ".join(f"{counts.get(s, 0):,} {s}" for s in
                                                                     ("present", "excused", "absent")))

    def write(w: duckdb.DuckDBPyConnection) -> None:
        run(w, _SQL["delete"])
        run(w, _SQL["insert"], {"source": source})

    staged.write = write
    staged.sessions = [int(r[0]) for r in con.execute("SELECT session_id FROM covered").fetchall()]
    return staged


def temp_table(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """A small frame as a temp table (name is a code constant)."""
    con.register("frame_rows", frame)
    run(con, _TEMP_FROM_FRAME[name])
    con.unregister("frame_rows")


_TEMP_FROM_FRAME = {name: load("ingest/frame_table").format(name=name)
                    for name in ("group_map", "person_map", "meeting_rows", "new_members")}


# Constant statements over the temp tables `located` (the file's rows matched: `ok` rows are written) and
# `covered` (the sessions the file is about).
_SQL = {
    "expected": load("ingest/attendance/expected"),
    "outsiders": load("ingest/attendance/outsiders"),
    "counts": load("ingest/attendance/counts"),
    "delete": load("ingest/attendance/delete"),
    "insert": load("ingest/attendance/insert"),
}
