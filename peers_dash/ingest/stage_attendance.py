"""Attendance imports: sign-in sheets, and Zoom or Teams reports for one session.

The rows of a session are replaced as a whole by a new file for that session (one status per person per
session). Every member expected at a session (enrolled in its group on its date) gets a row: a report
lists only who came, so the others are absent.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.resolve import dimensions, first_free_id, key, members_on, resolve_groups
from peers_dash.ingest.roster import PersonIndex, name_forms
from peers_dash.ingest.staging import Staged, run
from peers_dash.sql import load


def stage_signin(con: duckdb.DuckDBPyConnection, roster: pd.DataFrame, report: Report, source: str,
                 create: bool = False) -> Staged:
    """A sign-in sheet already in the temp table `incoming` (the ATTENDANCE columns, `_file`, `_row`): one
    row per person per session. Set-based in DuckDB, since a sheet can hold millions of rows; only distinct
    names (groups, people) are matched in Python. A dated row of a known group with no session that day is
    a session the sheet needs: with `create` it is created (and listed in Staged.created, for the person
    importing to confirm), else refused."""
    file = con.execute("SELECT any_value(_file) FROM incoming").fetchall()[0][0] or source
    groups = con.execute(load("ingest/attendance/incoming_groups")).df()
    groups = resolve_groups(groups, dimensions(con), report)
    _table(con, "group_map", groups.loc[groups["group_id"].notna(), ["program", "cohort", "group", "group_id"]])
    people = con.execute(load("ingest/attendance/incoming_people")).df()
    people["participant_id"], why = _match_people(con, people, PersonIndex(roster))
    new_members, new_roster = _create_members(con, people, why, roster) if create else ([], None)
    for r in people.loc[people["participant_id"].isna()].pipe(records):
        report.error(r.file_, r.row_, "person", f"{r.person!r}: {why.get(r.person, 'not on the roster')}"
                     + ("" if create or r.person in why else " (or let the import add them: --create-new, or "
                        "'Create them')") + _more(r.n_rows), code="not-on-roster")
    _table(con, "person_map", people.loc[people["participant_id"].notna(), ["person", "participant_id"]]
           .astype({"participant_id": "int64"}))
    run(con, _STAGE_SQL["located"])
    created = (_create_sessions(con, report) if create else []) + new_members
    for r in con.execute(_STAGE_SQL["no_session"]).df().pipe(records):
        what = f"has no session on {r.date}" if r.date else f"has no session {r.session_number} (or several: give the date)"
        fix = "import the sessions first, or let the import create it (--create-new, or 'Create them')" if r.date \
            else "import the sessions first"
        report.error(r.file_, r.row_, "date" if r.date else "session_number",
                     f"{r.group} of {r.program} {r.cohort} {what}: {fix}" + _more(r.n_rows),
                     code="session-not-found")
    for r in con.execute(_STAGE_SQL["number_clash"]).df().pipe(records):
        report.error(r.file_, r.row_, "session_number",
                     f"the session on {r.date} is session {int(r.db_number)}, not {r.session_number}")
    for r in con.execute(_STAGE_SQL["twice"]).df().pipe(records):
        report.error(r.file_, r.row_, "person", f"{r.person!r} appears more than once for the session on {r.date}")
    run(con, load("ingest/attendance/covered"))
    staged = _stage_located(con, report, file, source)
    staged.created = created
    staged.roster = new_roster
    return staged


def _create_members(con: duckdb.DuckDBPyConnection, people: pd.DataFrame, why: dict,
                    roster: pd.DataFrame) -> tuple[list[str], pd.DataFrame | None]:
    """The people a sign-in sheet lists who are on no roster, added (in this import's private copy) as members
    of the one group the sheet lists them in, from their first session there: the sheet is then their roster
    entry (their e-mail or name goes to the roster file only). A person listed in several groups, or whose
    name is shared on the roster, is left to the error. Fills people's participant_id; returns the new
    members in words and the roster with them (None when there are none)."""
    unknown = people.loc[people["participant_id"].isna() & ~people["person"].isin(list(why)), "person"].tolist()
    if not unknown:
        return [], None
    where = con.execute(load("ingest/attendance/new_member_groups"), {"people": unknown}).df()
    where = where[where["n_groups"] == 1]
    if where.empty:
        return [], None
    start = first_free_id(con, "SELECT max(participant_id) FROM participants",
                          int(roster["participant_id"].max()) if len(roster) else 0)
    where["participant_id"] = range(start, start + len(where))
    _table(con, "new_members", where[["participant_id", "group_id", "first_day"]].astype(
        {"participant_id": "int64", "group_id": "int64"}))
    run(con, _STAGE_SQL["insert_member_people"])
    run(con, _STAGE_SQL["insert_member_stretches"])
    ids = dict(zip(where["person"], where["participant_id"]))
    people["participant_id"] = people["participant_id"].fillna(people["person"].map(ids)).astype("Int64")
    labels = dict(con.execute(load("queries/labels/group"), {"ids": [int(g) for g in where["group_id"]]}).fetchall())
    added = pd.DataFrame({"participant_id": where["participant_id"].astype("int64"), "roster_id": "",
                          "email": [p.strip().lower() if "@" in p else "" for p in where["person"]],
                          "name": [p.strip() if "@" not in p else "" for p in where["person"]]})
    words = [f"new member {p} in {labels[int(g)]}" + (f" from {d.date()}" if pd.notna(d) else "")
             for p, g, d in zip(where["person"], where["group_id"], where["first_day"])]
    return words, pd.concat([roster, added], ignore_index=True)


def _create_sessions(con: duckdb.DuckDBPyConnection, report: Report) -> list[str]:
    """The sessions a sign-in sheet needs and the database lacks (a known group, a date, no session that day),
    added to this import's private copy: numbered from the sheet or by date after the group's earlier
    sessions, with the topic the program's other groups give that number (else 'Session N'), in person
    unless said otherwise. Returns them in words for the person importing to confirm; one whose number
    would pass 10 is left for the no-session error."""
    run(con, _STAGE_SQL["plan_sessions"])
    planned = con.execute(load("ingest/attendance/planned_list")).fetchall()
    if not planned:
        return []
    run(con, _STAGE_SQL["insert_planned"])
    run(con, _STAGE_SQL["located"])
    report.warning(con.execute("SELECT any_value(_file) FROM incoming").fetchall()[0][0], None, "date",
                   f"{len(planned)} session(s) the sheet needs are not in the database: they will be created "
                   "(in person, no length) when you confirm")
    return [f"session {n} of {group} ({cohort}) on {day}" for n, day, group, cohort in planned]


def _stage_located(con: duckdb.DuckDBPyConnection, report: Report, file: str, source: str) -> Staged:
    """What sign-in sheets and meeting reports share: the temp table `located` holds the matched rows
    (`ok`), `covered` the sessions the file is about. Every member expected at a covered session and not
    listed becomes absent; the covered sessions' rows are replaced as a whole."""
    run(con, _STAGE_SQL["expected"])
    for r in con.execute(_STAGE_SQL["outsiders"]).df().pipe(records):
        report.warning(r.file_, r.row_, "person", f"{r.person!r} is not a member of {r.group} on {r.date}: "
                                                  "recorded anyway")
    n_rows, n_sessions, n_absent, replaced = con.execute(_STAGE_SQL["counts"]).fetchall()[0]
    if n_absent:
        report.warning(file, None, None, f"{n_absent:,} expected members not listed were recorded absent")
    staged = Staged("attendance", f"attendance of {n_sessions:,} sessions", added=n_rows + n_absent,
                    replaced=int(replaced))
    counts = dict(con.execute("SELECT status, count(*) FROM located WHERE ok GROUP BY ALL").fetchall())
    counts["absent"] = counts.get("absent", 0) + n_absent
    staged.summary.append(f"{n_sessions:,} sessions: " + ", ".join(f"{counts.get(s, 0):,} {s}" for s in
                                                                     ("present", "excused", "absent")))

    def write(w: duckdb.DuckDBPyConnection) -> None:
        run(w, _STAGE_SQL["delete"])
        run(w, _STAGE_SQL["insert"], {"source": source})

    staged.write = write
    staged.sessions = [int(r[0]) for r in con.execute("SELECT session_id FROM covered").fetchall()]
    return staged


def _table(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """A small frame as a temp table (name is a code constant)."""
    con.register("frame_rows", frame)
    run(con, _TEMP_FROM_FRAME[name])
    con.unregister("frame_rows")


_TEMP_FROM_FRAME = {name: load("ingest/frame_table").format(name=name)
                    for name in ("group_map", "person_map", "meeting_rows", "new_members")}


def _more(n: object) -> str:
    return f" ({int(n):,} rows)" if n and int(n) > 1 else ""


# Constant statements over the temp tables of one sign-in import (sql/ingest/attendance/). `located` is every row
# of the sheet with its group, session and person found (or not); `ok` rows are written.
_STAGE_SQL = {
    "located": load("ingest/attendance/located"),
    "meeting_located": load("ingest/attendance/meeting_located"),
    "plan_sessions": load("ingest/attendance/plan_sessions"),
    "insert_member_people": load("ingest/attendance/insert_member_people"),
    "insert_member_stretches": load("ingest/attendance/insert_member_stretches"),
    "insert_planned": load("ingest/attendance/insert_planned"),
    "no_session": load("ingest/attendance/no_session"),
    "number_clash": load("ingest/attendance/number_clash"),
    "twice": load("ingest/attendance/twice"),
    "expected": load("ingest/attendance/expected"),
    "outsiders": load("ingest/attendance/outsiders"),
    "counts": load("ingest/attendance/counts"),
    "delete": load("ingest/attendance/delete"),
    "insert": load("ingest/attendance/insert"),
}


def _match_people(con: duckdb.DuckDBPyConnection, people: pd.DataFrame,
                  index: PersonIndex) -> tuple[pd.Series, dict]:
    """participant_id per distinct person cell: by e-mail, roster id, then name (a name shared by several
    people is settled by who is in the groups of the sessions it is listed at)."""
    text = people["person"].astype(str).str.strip()
    pid = text.str.lower().map(index.by_email)
    pid = pid.fillna(text.map(index.by_id))
    why: dict = {}
    for i in people.index[pid.isna() & ~text.str.contains("@", regex=False)]:
        hits = next((h for f in name_forms(text[i]) if (h := index.by_name.get(f))), [])
        if len(hits) == 1:
            pid[i] = hits[0]
        elif len(hits) > 1:
            members = set(con.execute(load("ingest/attendance/members_where_listed"),
                                      {"person": people.at[i, "person"]}).df()["participant_id"])
            narrowed = [h for h in hits if h in members]
            if len(narrowed) == 1:
                pid[i] = narrowed[0]
            else:
                why[people.at[i, "person"]] = f"{len(hits)} people on the roster are called {text[i]!r}"
    return pid.astype("Int64"), why


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
            report.warning(r.file_, r.row_, "name", f"{r.name!r} is not a member of this group on its date: not counted")
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
    _table(con, "meeting_rows", frame.astype({"session_id": "int64", "participant_id": "int64"}))
    run(con, _STAGE_SQL["meeting_located"])
    run(con, load("ingest/attendance/covered_one"), {"session_id": sid})
    return _stage_located(con, report, file, source)


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
