"""Attendance imports: sign-in sheets, and Zoom or Teams reports for one session.

The rows of a session are replaced as a whole by a new file for that session (one status per person per
session). Every member expected at a session (enrolled in its group on its date) gets a row: a report
lists only who came, so the others are absent.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.resolve import dimensions, key, members_on, resolve_groups, resolve_sessions
from peers_dash.ingest.roster import PersonIndex, norm_name
from peers_dash.ingest.staging import Staged, run


def stage_signin(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, roster: pd.DataFrame, report: Report,
                 source: str) -> Staged:
    """A sign-in sheet: one row per person per session, matched to the roster and the sessions."""
    df = resolve_groups(df, dimensions(con), report)
    df = resolve_sessions(con, df, report)
    index = PersonIndex(roster)
    members = members_on(con, [int(s) for s in df["session_id"].dropna().unique()])
    df["participant_id"], why = _match_people(df, index, members)
    for r in df.loc[df["participant_id"].isna()].pipe(records):
        report.error(r.file_, r.row_, "person", f"{r.person!r}: {why.get(r.Index, 'not on the roster')}")
    dup = df["participant_id"].notna() & df.duplicated(["session_id", "participant_id"], keep=False)
    for r in df.loc[dup].pipe(records):
        report.error(r.file_, r.row_, "person", f"{r.person!r} appears more than once for the session on {r.date}")
    known = df["participant_id"].notna() & df["session_id"].notna()
    check = df.loc[known, ["session_id", "participant_id"]].astype("int64").merge(
        members.drop_duplicates(), how="left", indicator=True)
    outside = df.loc[known].loc[(check["_merge"] == "left_only").to_numpy()]
    for r in outside.head(20).pipe(records):
        report.warning(r.file_, r.row_, "person", f"{r.person!r} is not a member of {r.group} on {r.date}: "
                                                  "recorded anyway")
    rows = df.loc[known, ["session_id", "participant_id", "status", "minutes"]].copy()
    rows["minutes"] = pd.to_numeric(rows["minutes"], errors="coerce")
    return _stage_rows(con, rows, members, report, source, df["_file"].iloc[0] if len(df) else source)


def _match_people(df: pd.DataFrame, index: PersonIndex, members: pd.DataFrame) -> tuple[pd.Series, dict]:
    """participant_id per sign-in row (vectorised: a sheet can hold millions of rows): by e-mail, roster id,
    then name (a name shared by several people is settled by who is in the session's group)."""
    text = df["person"].astype(str).str.strip()
    pid = text.str.lower().map(index.by_email)
    pid = pid.fillna(text.map(index.by_id))
    why: dict = {}
    left = pid.isna() & ~text.str.contains("@", regex=False)
    if left.any():
        names = {t: norm_name(t) for t in text[left].unique()}
        unique = {t: hits[0] for t, n in names.items() if len(hits := index.by_name.get(n, [])) == 1}
        pid = pid.fillna(text.map(unique))
        ambiguous = pid.isna() & text.map(lambda t: len(index.by_name.get(names.get(t, ""), [])) > 1)
        if ambiguous.any():
            expected = members.groupby("session_id")["participant_id"].apply(set).to_dict()
            for i in df.index[ambiguous]:
                found, how = index.find(name=text[i], among=expected.get(df.at[i, "session_id"], set()))
                if found is None:
                    why[i] = how
                pid[i] = found
    return pid.astype("Int64"), why


def stage_meeting(con: duckdb.DuckDBPyConnection, meeting: pd.DataFrame, session: str, roster: pd.DataFrame,
                  report: Report, source: str, present_share: float) -> Staged:
    """A Zoom or Teams report for one session: present when in the meeting for at least `present_share` of
    the session's length; expected members not in the report are absent; unmatched names are listed."""
    file = meeting["_file"].iloc[0] if len(meeting) else source
    sid, length = _find_session(con, session, report, file)
    if sid is None:
        return Staged("attendance", session)
    members = members_on(con, [sid])
    expected = set(members["participant_id"])
    index = PersonIndex(roster)
    if not length:
        spans = pd.to_datetime(meeting["last_leave"], errors="coerce") - pd.to_datetime(meeting["first_join"],
                                                                                          errors="coerce")
        length = float(spans.max().total_seconds() / 60) if spans.notna().any() else 60.0
        report.warning(file, None, None, f"the session has no length recorded: {length:.0f} minutes assumed")
    rows = []
    for r in meeting.pipe(records):
        pid, why = index.find(email=r.email, name=r.name, among=expected)
        if pid is None:
            pid, why = index.find(email=r.email, name=r.name)
        if pid is None:
            report.warning(r.file_, r.row_, "name", f"{r.name or r.email!r} is not on the roster ({why}): not counted")
            continue
        if pid not in expected:
            report.warning(r.file_, r.row_, "name", f"{r.name!r} is not a member of this group on its date: not counted")
            continue
        minutes = float(r.minutes) if r.minutes == r.minutes else 0.0
        status = "present" if minutes >= present_share * length else "absent"
        rows.append((sid, pid, status, round(minutes)))
    frame = pd.DataFrame(rows, columns=["session_id", "participant_id", "status", "minutes"])
    dup = frame.duplicated("participant_id", keep="first")
    frame = frame.groupby(["session_id", "participant_id"], as_index=False).agg(
        status=("status", lambda s: "present" if (s == "present").any() else "absent"), minutes=("minutes", "sum"))
    if dup.any():
        report.warning(file, None, None, "someone appears under two names or e-mails: their minutes were added up")
    return _stage_rows(con, frame, members, report, source, file)


def _find_session(con: duckdb.DuckDBPyConnection, session: str, report: Report,
                  file: str) -> tuple[int | None, float | None]:
    """'MD Class of 2024 / Group 03 / 2024-09-10' (or a session id) -> (session_id, length in minutes)."""
    if session.strip().isdigit():
        row = con.execute("SELECT session_id, length_min FROM sessions WHERE session_id = ?",
                          [int(session)]).fetchall()
    else:
        parts = [p.strip() for p in session.split("/")]
        if len(parts) != 3:
            report.error(file, None, None, f"--session {session!r}: give 'COHORT / GROUP / YYYY-MM-DD' or a "
                                           "session id")
            return None, None
        frame = pd.DataFrame({"program": [""], "cohort": [parts[0]], "group": [parts[1]], "date": [parts[2]],
                              "_file": [file], "_row": [None]})
        dims = dimensions(con)
        cohorts = dims["cohorts"].assign(ckey=dims["cohorts"]["name"].map(key))
        hit = cohorts[cohorts["ckey"] == key(parts[0])]
        if hit.empty:
            report.error(file, None, None, f"--session: no cohort called {parts[0]!r}")
            return None, None
        programs = dims["programs"].set_index("program_id")["name"]
        frame["program"] = programs[int(hit["program_id"].iloc[0])]
        frame["cohort"] = str(int(hit["grad_year"].iloc[0]))
        frame = resolve_groups(frame, dims, report)
        if frame["group_id"].isna().any():
            return None, None
        row = con.execute("SELECT session_id, length_min FROM sessions WHERE group_id = ? AND session_date = ?",
                          [int(frame["group_id"].iloc[0]), parts[2]]).fetchall()
    row = row[0] if row else None
    if row is None:
        report.error(file, None, None, f"--session {session!r}: no such session (import the sessions first)")
        return None, None
    return int(row[0]), (float(row[1]) if row[1] else None)


def _stage_rows(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, members: pd.DataFrame, report: Report,
                source: str, file: str) -> Staged:
    """Add an absent row for every expected member missing from `rows`; replace each session's rows."""
    sessions = sorted(int(s) for s in rows["session_id"].unique())
    missing = members[members["session_id"].isin(sessions)].merge(
        rows[["session_id", "participant_id"]].astype("int64"), how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"][["session_id", "participant_id"]]
    if len(missing):
        report.warning(file, None, None, f"{len(missing):,} expected members not listed were recorded absent")
        rows = pd.concat([rows, missing.assign(status="absent", minutes=float("nan"))], ignore_index=True)
    replaced = con.execute("SELECT count(*) FROM attendance WHERE list_contains(?, session_id)",
                           [sessions]).fetchall()[0][0]
    staged = Staged("attendance", f"attendance of {len(sessions):,} sessions", added=len(rows),
                    replaced=int(replaced))
    counts = rows["status"].value_counts()
    staged.summary.append(f"{len(sessions):,} sessions: " + ", ".join(f"{counts.get(s, 0):,} {s}" for s in
                                                                        ("present", "excused", "absent")))

    def write(w: duckdb.DuckDBPyConnection) -> None:
        frame = rows.astype({"session_id": "int64", "participant_id": "int64"}).assign(source=source)
        w.register("rows", frame)
        run(w, "DELETE FROM attendance WHERE session_id IN (SELECT DISTINCT session_id FROM rows)")
        run(w, "INSERT INTO attendance SELECT session_id, participant_id, status, CAST(minutes AS INTEGER),"
                  " source FROM rows")
        w.unregister("rows")

    staged.write = write
    return staged
