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
        run(w, "CREATE TEMP TABLE IF NOT EXISTS changed_sessions (session_id BIGINT)")
        run(w, "INSERT INTO changed_sessions SELECT session_id FROM covered")  # the writer refreshes only these

    staged.write = write
    return staged


def temp_table(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """A small frame as a temp table (name is a code constant)."""
    con.register("frame_rows", frame)
    run(con, _TEMP_FROM_FRAME[name])
    con.unregister("frame_rows")


_TEMP_FROM_FRAME = {name: f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM frame_rows"
                    for name in ("group_map", "person_map", "meeting_rows", "new_members")}


# Constant statements over the temp tables `located` (the file's rows matched: `ok` rows are written) and
# `covered` (the sessions the file is about).
_SQL = {
    "expected": """
        CREATE OR REPLACE TEMP TABLE expected AS
        SELECT DISTINCT s.session_id, m.participant_id
        FROM covered f
        JOIN sessions s ON s.session_id = f.session_id
        JOIN memberships m ON m.group_id = s.group_id AND m.start_date <= s.session_date
             AND (m.end_date IS NULL OR m.end_date >= s.session_date)""",
    "outsiders": """
        SELECT l.person, l."group", l.session_date AS date, l._row, l._file
        FROM (SELECT * FROM located WHERE ok) l ANTI JOIN expected e USING (session_id, participant_id)
        ORDER BY l._row LIMIT 20""",
    "counts": """
        SELECT (SELECT count(*) FROM located WHERE ok),
               (SELECT count(*) FROM covered),
               (SELECT count(*) FROM expected e ANTI JOIN (SELECT * FROM located WHERE ok) l
                  USING (session_id, participant_id)),
               (SELECT count(*) FROM attendance WHERE session_id IN (SELECT session_id FROM covered))""",
    "delete": "DELETE FROM attendance WHERE session_id IN (SELECT session_id FROM covered)",
    "insert": """
        INSERT INTO attendance
        SELECT session_id, participant_id, status, minutes, $source FROM located WHERE ok
        UNION ALL
        SELECT e.session_id, e.participant_id, 'absent', NULL, $source
        FROM expected e ANTI JOIN (SELECT * FROM located WHERE ok) l USING (session_id, participant_id)""",
}
