"""Zoom and Teams reports: the attendance of one session, found from the report's own dates when not given, with
present decided by the time each person was in the meeting."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.roster import PersonIndex
from peers_dash.ingest.stage.attendance import stage_located, temp_table
from peers_dash.ingest.stage.resolve import dimensions, key, members_on, resolve_groups
from peers_dash.ingest.stage.staged import Staged, run
from peers_dash.sql import load

_MEETING_LOCATED = load("ingest/attendance/meeting_located")


def _meeting_days(meeting: pd.DataFrame) -> set[str]:
    return {str(v)[:10] for v in meeting["first_join"].tolist() if str(v or "")[:10]}


def _near(day: str, days: set[str]) -> bool:
    """day is one of days, or a day next to one (a meeting crossing midnight, a report in another time zone)."""
    d = dt.date.fromisoformat(day)
    return any(abs((dt.date.fromisoformat(x) - d).days) <= 1 for x in days)


def _reading_for_session(meeting: pd.DataFrame, other: pd.DataFrame | None, session_day: str, report: Report,
                         file: str) -> pd.DataFrame | None:
    """The report read the way that agrees with the session's date; None (with an error) when its dates
    contradict the session: a report of 4 November never fills a 4 December session."""
    days = _meeting_days(meeting)
    if other is not None:  # the report's dates read both ways: keep the reading that matches the session
        fits = [frame for frame in (meeting, other) if _near(session_day, _meeting_days(frame))]
        if len(fits) == 1:
            return fits[0]
        if not fits:
            report.error(file, None, None, f"the report's dates (like {sorted(days)[0]} read month first) match the "
                                           f"session on {session_day} neither day first nor month first: choose "
                                           "the session of the report's date")
            return None
        return meeting
    if days and not _near(session_day, days):
        report.error(file, None, None, f"this report is of a meeting on {', '.join(sorted(days)[:3])}, but the "
                                       f"session chosen is on {session_day}: choose the session of that date")
        return None
    return meeting


MIN_MATCHED_SHARE = 0.5


def find_session(con: duckdb.DuckDBPyConnection, meeting: pd.DataFrame, other: pd.DataFrame | None,
                 roster: pd.DataFrame, report: Report, fmt: str) -> str | None:
    """The session a Zoom or Teams report is of, found from its own dates: the one session on the report's
    day, or, when several groups met that day, the one whose members the report lists most (when that is
    one group). None, with an error naming the candidates, otherwise."""
    file = meeting["_file"].iloc[0] if len(meeting) else fmt
    days = _meeting_days(meeting) | (_meeting_days(other) if other is not None else set())
    if not days:
        report.error(file, None, None, f"this {fmt.title()} report has no dates to find its session by: choose "
                                       "the session (--session 'COHORT / GROUP / YYYY-MM-DD')")
        return None
    candidates = con.execute(load("ingest/attendance/sessions_on_days"), {"days": sorted(days)}).fetchall()
    if not candidates:
        report.error(file, None, None, f"no session is on {' or '.join(sorted(days))}, the day of this report: "
                                       "import the sessions first, or choose the session")
        return None
    if len(candidates) == 1:
        return str(candidates[0][0])
    index = PersonIndex(roster)
    scores = []
    for sid, *_ in candidates:
        members = set(members_on(con, [sid])["participant_id"])
        scores.append(sum(index.find(email=r.email, name=r.name, among=members)[0] in members
                          for r in meeting.pipe(records)))
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return str(candidates[scores.index(best)][0])
    listed = "; ".join(f"{c} / {g} / {d}" for _, d, g, c in candidates[:8])
    report.error(file, None, None, f"{len(candidates)} sessions are on the day of this report and its names do not "
                                   f"tell which: choose one ({listed})")
    return None


def stage_meeting(con: duckdb.DuckDBPyConnection, meeting: pd.DataFrame, session: str, roster: pd.DataFrame,
                  report: Report, source: str, present_share: float, other: pd.DataFrame | None = None) -> Staged:
    """A Zoom or Teams report for one session: present when in the meeting for at least `present_share` of
    the session's length; expected members not in the report are absent; unmatched names are listed. A
    report whose dates contradict the session's, or in which fewer than half the people listed match the
    roster, is refused (never turned into absences)."""
    file = meeting["_file"].iloc[0] if len(meeting) else source
    sid, length = _find_session(con, session, report, file)
    if sid is None:
        return Staged("attendance", session)
    session_day = str(con.execute("SELECT CAST(session_date AS VARCHAR) FROM sessions WHERE session_id = ?",
                                  [sid]).fetchall()[0][0])
    meeting = _reading_for_session(meeting, other, session_day, report, file)
    if meeting is None:
        return Staged("attendance", session)
    members = members_on(con, [sid])
    expected = set(members["participant_id"])
    index = PersonIndex(roster)
    if not length:
        spans = pd.to_datetime(meeting["last_leave"], errors="coerce") - pd.to_datetime(meeting["first_join"],
                                                                                          errors="coerce")
        length = float(spans.max().total_seconds() / 60) if spans.notna().any() else 60.0
        report.warning(file, None, None, f"the session has no length recorded: {length:.0f} minutes assumed")
    rows, unmatched = [], []
    for r in meeting.pipe(records):
        pid, why = index.find(email=r.email, name=r.name, among=expected)
        if pid is None:
            pid, why = index.find(email=r.email, name=r.name)
        if pid is None:
            report.warning(r.file_, r.row_, "name", f"{r.name or r.email!r} is not on the roster ({why}): not counted")
            unmatched.append(r.name or r.email)
            continue
        if pid not in expected:
            report.warning(r.file_, r.row_, "name",
                           f"{r.name!r} is not a member of this group on its date: not counted")
            continue
        minutes = float(r.minutes) if r.minutes == r.minutes else 0.0
        status = "present" if minutes >= present_share * length else "absent"
        rows.append((sid, pid, status, round(minutes)))
    if len(meeting) and (len(meeting) - len(unmatched)) < MIN_MATCHED_SHARE * len(meeting):
        report.error(file, None, "name", f"only {len(meeting) - len(unmatched)} of the {len(meeting)} people in this "
                                         "report match the roster: is it this group's report, and is the roster "
                                         "imported? Nobody was marked absent. Not matched: "
                                         + ", ".join(repr(n) for n in unmatched[:15])
                                         + (f" and {len(unmatched) - 15} more" if len(unmatched) > 15 else ""))
        return Staged("attendance", session)
    frame = pd.DataFrame(rows, columns=["session_id", "participant_id", "status", "minutes"])
    dup = frame.duplicated("participant_id", keep="first")
    frame = frame.groupby(["session_id", "participant_id"], as_index=False).agg(
        status=("status", lambda s: "present" if (s == "present").any() else "absent"), minutes=("minutes", "sum"))
    if dup.any():
        report.warning(file, None, None, "someone appears under two names or e-mails: their minutes were added up")
    temp_table(con, "meeting_rows", frame.astype({"session_id": "int64", "participant_id": "int64"}))
    run(con, _MEETING_LOCATED)
    run(con, load("ingest/attendance/covered_one"), {"session_id": sid})
    return stage_located(con, report, file, source)


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
