"""Sign-in sheets: one row per person per session, matched to the database in DuckDB (a sheet can hold millions
of rows); the sessions and members a sheet needs are created when the person importing says so."""
from __future__ import annotations

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.roster import PersonIndex, name_forms
from peers_dash.ingest.stage.attendance import stage_located, temp_table
from peers_dash.ingest.stage.resolve import dimensions, first_free_id, resolve_groups
from peers_dash.ingest.stage.staged import Staged, run
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
    temp_table(con, "group_map",
               groups.loc[groups["group_id"].notna(), ["program", "cohort", "group", "group_id"]])
    people = con.execute(load("ingest/attendance/incoming_people")).df()
    people["participant_id"], why = _match_people(con, people, PersonIndex(roster))
    new_members, new_roster = _create_members(con, people, why, roster) if create else ([], None)
    for r in people.loc[people["participant_id"].isna()].pipe(records):
        report.error(r.file_, r.row_, "person", f"{r.person!r}: {why.get(r.person, 'not on the roster')}"
                     + ("" if create or r.person in why else " (or let the import add them: --create-new, or "
                        "'Create them')") + _more(r.n_rows), code="not-on-roster")
    temp_table(con, "person_map", people.loc[people["participant_id"].notna(), ["person", "participant_id"]]
           .astype({"participant_id": "int64"}))
    run(con, _STAGE_SQL["located"])
    created = (_create_sessions(con, report) if create else []) + new_members
    for r in con.execute(_STAGE_SQL["no_session"]).df().pipe(records):
        what = f"has no session on {r.date}" if r.date else \
            f"has no session {r.session_number} (or several: give the date)"
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
    staged = stage_located(con, report, file, source)
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
    temp_table(con, "new_members", where[["participant_id", "group_id", "first_day"]].astype(
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


def _more(n: object) -> str:
    return f" ({int(n):,} rows)" if n and int(n) > 1 else ""


# Constant statements over the temp tables of one sign-in import (sql/ingest/attendance/). `located` is every row
# of the sheet with its group, session and person found (or not); `ok` rows are written.
_STAGE_SQL = {
    "located": load("ingest/attendance/located"),
    "plan_sessions": load("ingest/attendance/plan_sessions"),
    "insert_member_people": load("ingest/attendance/insert_member_people"),
    "insert_member_stretches": load("ingest/attendance/insert_member_stretches"),
    "insert_planned": load("ingest/attendance/insert_planned"),
    "no_session": load("ingest/attendance/no_session"),
    "number_clash": load("ingest/attendance/number_clash"),
    "twice": load("ingest/attendance/twice"),
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
