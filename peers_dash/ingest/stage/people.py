"""Roster and sessions imports: who is in which group when, and when each group meets."""
from __future__ import annotations

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.roster import PersonIndex, norm_email
from peers_dash.ingest.stage.resolve import dimensions, first_free_id, grad_year, group_key, key, resolve_groups
from peers_dash.ingest.stage.staged import Staged, insert_new
from peers_dash.sql import load, run_script

YEARS = {"md": 4, "residency": 3, "fellowship": 3, "graduate": 5}


def infer_kind(program: str) -> str:
    """A new program's kind from its name: 'MD' -> md, '... Fellowship' -> fellowship, 'PhD' -> graduate."""
    k = key(program)
    if k in ("md", "m.d.", "medical school", "doctor of medicine") or k.startswith("md "):
        return "md"
    if "fellow" in k:
        return "fellowship"
    if "phd" in k or "ph.d" in k or "graduate" in k or "doctoral" in k:
        return "graduate"
    return "residency"


def stage_roster(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, roster: pd.DataFrame, report: Report,
                 institution: str | None) -> Staged:
    """Memberships of every person in the file replace theirs in the database; new programs, cohorts and
    groups are created (with a warning naming each)."""
    staged = Staged("roster", "memberships of the people in the file")
    index = PersonIndex(roster)
    df = df.copy()
    no_id = (df["roster_id"].str.strip() == "") & (df["email"].str.strip() == "")
    for r in df.loc[no_id].pipe(records):
        report.error(r.file_, r.row_, "email", "each person needs an e-mail or a roster id")
    df["person"] = [rid.strip() or norm_email(e) for rid, e in zip(df["roster_id"], df["email"])]
    found = [index.find(roster_id=r, email=e)[0] for r, e in zip(df["roster_id"], df["email"])]
    next_id = first_free_id(con, "SELECT max(participant_id) FROM participants",
                            int(roster["participant_id"].max()) if len(roster) else 0)
    new_ids: dict[str, int] = {}
    for i, person in enumerate(df["person"]):
        if found[i] is None and person and person not in new_ids:
            new_ids[person] = next_id
            next_id += 1
    df["participant_id"] = [f if f is not None else new_ids.get(p) for f, p in zip(found, df["person"])]

    dims = dimensions(con)
    institution_id, new_dims = _ensure_dimensions(con, df, dims, report, institution)
    dims = {k: pd.concat([dims[k], new_dims[k]], ignore_index=True) for k in dims}
    df = resolve_groups(df, dims, report)
    df = _blank_starts_from_the_cohort(df, dims["cohorts"])
    _check_periods(df, report)
    before = _memberships_of(con, df)
    after = {_membership(r) for r in df.pipe(records) if r.participant_id == r.participant_id
             and r.group_id == r.group_id}
    staged.added, staged.replaced = len(after - before), len(before - after)
    people = df["participant_id"].nunique()
    changes = _what_changed(df, roster, before, after)
    staged.summary.append(f"{people:,} people ({len(new_ids):,} new), {len(df):,} memberships"
                          + (f"; {changes}" if changes else ""))
    if not new_ids and not changes and before == after and not any(len(f) for f in new_dims.values()):
        report.warning(df["_file"].iloc[0] if len(df) else "roster", None, None,
                       "nothing changed: every person and membership in this roster is already in the database")
        return staged  # no write: the same roster twice changes nothing
    for kind, frame in new_dims.items():
        if len(frame):
            staged.summary.append(f"new {kind}: " + ", ".join(frame["name"].astype(str).head(10)))

    def write(w: duckdb.DuckDBPyConnection) -> None:
        if institution_id is not None and institution is not None:
            run_script(w, "ingest/roster/add_institution", {"institution_id": institution_id, "name": institution})
        for table in ("programs", "cohorts", "groups"):
            insert_new(w, table, new_dims[table])
        latest = df.sort_values("start_date").groupby("participant_id").tail(1)
        people_frame = latest[["participant_id", "cohort_id"]].astype("int64")
        w.register("people", people_frame)
        run_script(w, "ingest/roster/replace_people")  # memberships first, then the people
        w.unregister("people")
        rows = df[["participant_id", "group_id", "start_date", "end_date", "end_reason"]].copy()
        rows["end_date"] = rows["end_date"].replace("", None)
        rows["end_reason"] = rows["end_reason"].replace("", None)
        w.register("rows", rows.astype({"participant_id": "int64", "group_id": "int64"}))
        run_script(w, "ingest/roster/insert_memberships")
        w.unregister("rows")

    staged.write = write
    updated = roster.set_index("participant_id")
    for r in df.drop_duplicates("participant_id", keep="last").pipe(records):
        updated.loc[int(r.participant_id), ["roster_id", "email", "name"]] = [r.roster_id, norm_email(r.email), r.name]
    staged.roster = updated.reset_index()
    return staged


def _ensure_dimensions(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, dims: dict[str, pd.DataFrame],
                       report: Report, institution: str | None) -> tuple[int | None, dict[str, pd.DataFrame]]:
    """New programs, cohorts and groups the roster names, as frames ready to insert."""
    institutions = con.execute("SELECT institution_id, name FROM institutions ORDER BY institution_id").fetchall()
    inst_id: int | None
    if institution:
        match = [i for i, n in institutions if key(n) == key(institution)]
        inst_id = match[0] if match else first_free_id(con, "SELECT max(institution_id) FROM institutions")
    elif len(institutions) == 1:
        inst_id = institutions[0][0]
    else:
        inst_id = None
    programs = dims["programs"]
    new_p, new_c, new_g = [], [], []
    pid = first_free_id(con, "SELECT max(program_id) FROM programs")
    cid = first_free_id(con, "SELECT max(cohort_id) FROM cohorts")
    gid = first_free_id(con, "SELECT max(group_id) FROM groups")
    known_p = dict(zip(programs["pkey"], zip(programs["program_id"], programs["name"], programs["years"])))
    known_c = {(p, y): c for p, y, c in zip(dims["cohorts"]["program_id"], dims["cohorts"]["grad_year"],
                                            dims["cohorts"]["cohort_id"])}
    known_g = {(c, k) for c, k in zip(dims["groups"]["cohort_id"], dims["groups"]["gkey"])}
    first_row = df.drop_duplicates(["program", "cohort", "group"])
    for r in first_row.pipe(records):
        if not r.program.strip():
            report.error(r.file_, r.row_, "program", "the program is empty")
            continue
        pk = key(r.program)
        if pk not in known_p:
            if inst_id is None:
                report.error(r.file_, r.row_, "program", f"unknown program {r.program!r}: with several institutions,"
                             " say which one it belongs to (--institution)")
                continue
            kind = infer_kind(r.program)
            years, first = YEARS[kind], 4 if kind == "fellowship" else 1
            gy = grad_year(r.cohort) or 0
            new_p.append(dict(program_id=pid, institution_id=inst_id, name=r.program.strip(), kind=kind, years=years,
                              first_class_year=first, joined_year=max(gy - years, 2000)))
            report.warning(r.file_, r.row_, "program", f"new program {r.program.strip()!r} ({kind}, {years} years)")
            known_p[pk] = (pid, r.program.strip(), years)
            pid += 1
        prog_id, prog_name, years = known_p[pk]
        gy = grad_year(r.cohort)
        if gy is None:
            report.error(r.file_, r.row_, "cohort", f"{r.cohort!r} is not a graduation year or cohort name")
            continue
        if (prog_id, gy) not in known_c:
            new_c.append(dict(cohort_id=cid, program_id=prog_id, name=f"{prog_name} Class of {gy}",
                              entry_year=gy - int(years), grad_year=gy))
            known_c[(prog_id, gy)] = cid
            cid += 1
        coh = known_c[(prog_id, gy)]
        gk = group_key(r.group)
        if gk and (coh, gk) not in known_g:
            name = f"Group {int(gk):02d}" if gk.isdigit() else r.group.strip()
            new_g.append(dict(group_id=gid, cohort_id=coh, name=name, gkey=gk))
            known_g.add((coh, gk))
            gid += 1
    frames = {"programs": pd.DataFrame(new_p, columns=["program_id", "institution_id", "name", "kind", "years",
                                                        "first_class_year", "joined_year"]),
              "cohorts": pd.DataFrame(new_c, columns=["cohort_id", "program_id", "name", "entry_year", "grad_year"]),
              "groups": pd.DataFrame(new_g, columns=["group_id", "cohort_id", "name", "gkey"])}
    frames["programs"]["pkey"] = frames["programs"]["name"].map(key)
    is_new_inst = institution is not None and inst_id not in [i for i, _ in institutions]
    return (inst_id if is_new_inst else None), frames


def _membership(r) -> tuple:
    return (int(r.participant_id), int(r.group_id), str(r.start_date or ""), str(r.end_date or ""),
            str(r.end_reason or ""))


def _memberships_of(con: duckdb.DuckDBPyConnection, df: pd.DataFrame) -> set[tuple]:
    ids = [int(p) for p in df["participant_id"].dropna().unique()]
    rows = con.execute(load("ingest/roster/memberships_of"), {"ids": ids}).fetchall()
    return {tuple(r) for r in rows}


def _what_changed(df: pd.DataFrame, roster: pd.DataFrame, before: set[tuple], after: set[tuple]) -> str:
    """What a roster changes for the people already there, in words: renamed, new e-mails and roster ids,
    moved to another group, stretches ended, people back from a leave."""
    known = roster.set_index("participant_id")
    latest = df.drop_duplicates("participant_id", keep="last")
    counts: dict[str, int] = {}

    def bump(what: str) -> None:
        counts[what] = counts.get(what, 0) + 1

    for r in latest.pipe(records):
        if r.participant_id != r.participant_id or int(r.participant_id) not in known.index:
            continue
        old = known.loc[int(r.participant_id)]
        if r.name and str(old["name"]) and str(r.name).strip() != str(old["name"]).strip():
            bump("renamed")
        if r.email and norm_email(r.email) != norm_email(old["email"]):
            bump("new e-mail")
        if r.roster_id and str(r.roster_id) != str(old["roster_id"]):
            bump("new roster id")
    old_groups = {(p, g) for p, g, *_ in before}
    new_groups = {(p, g) for p, g, *_ in after}
    moved = {p for p, _ in new_groups - old_groups} & {p for p, _ in old_groups}
    for _ in moved:
        bump("moved to another group")
    for p, g, start, end, _ in after - before:
        if (p, g) in old_groups and end and any(b[:3] == (p, g, start) and not b[3] for b in before):
            bump("left (end date set)")
        elif (p, g) in old_groups and not end and any(b[:2] == (p, g) and b[3] for b in before) \
                and not any(b[:3] == (p, g, start) for b in before):
            bump("back from a leave")
    return ", ".join(f"{n} {what}" for what, n in counts.items())


def _blank_starts_from_the_cohort(df: pd.DataFrame, cohorts: pd.DataFrame) -> pd.DataFrame:
    """A blank start date means "from the start": the first day (1 July) of the cohort's entry year, as the
    roster template documents. A person's second stretch in a group needs its own start date."""
    entry = cohorts.set_index("cohort_id")["entry_year"]
    blank = (df["start_date"].fillna("") == "") & df["cohort_id"].notna()
    first_stretch = ~df.duplicated(["participant_id", "group_id"], keep="first")
    fill = blank & first_stretch
    years = df.loc[fill, "cohort_id"].map(entry)
    df = df.copy()
    df.loc[fill, "start_date"] = [f"{int(y)}-07-01" if pd.notna(y) else "" for y in years]
    return df


def _check_periods(df: pd.DataFrame, report: Report) -> None:
    """Start dates present, ends after starts, no overlapping memberships for one person."""
    for r in df.pipe(records):
        if not r.start_date:
            report.error(r.file_, r.row_, "start_date", "needs a start date (blank means from the cohort's start "
                                                        "only on a person's first row for a group)")
        elif r.end_date and r.end_date < r.start_date:
            report.error(r.file_, r.row_, "end_date", f"ends ({r.end_date}) before it starts ({r.start_date})")
    ordered = df[df["start_date"] != ""].sort_values(["participant_id", "start_date"])
    prev = ordered.groupby("participant_id")["end_date"].shift(1)
    prev_open = ordered.groupby("participant_id")["start_date"].shift(1).notna() & ((prev == "") | prev.isna())
    overlap = prev_open | (prev.notna() & (prev != "") & (prev >= ordered["start_date"]))
    for r in ordered.loc[overlap].pipe(records):
        report.error(r.file_, r.row_, "start_date", f"{r.person} is already in a group on {r.start_date}: "
                                                    "end the earlier membership first")


def stage_sessions(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, report: Report) -> Staged:
    """Sessions matched by group and date are updated; others are added."""
    staged = Staged("sessions", "sessions of the same group and date")
    df = resolve_groups(df, dimensions(con), report)
    existing = con.execute("SELECT session_id, group_id, CAST(session_date AS VARCHAR) AS date FROM sessions").df()
    df = df.merge(existing, on=["group_id", "date"], how="left")
    dup = df.duplicated(["group_id", "date"], keep=False) & df["group_id"].notna()
    for r in df.loc[dup].pipe(records):
        report.error(r.file_, r.row_, "date", f"{r.group} of {r.cohort} appears twice on {r.date}")
    no_format = df["modality"].fillna("") == ""
    if no_format.any():
        df.loc[no_format, "modality"] = "in_person"
        first = df.loc[no_format].iloc[0]
        report.warning(first["_file"], None, "modality", f"{int(no_format.sum()):,} sessions have no format: "
                                                         "in person assumed")
    topicless = df["topic"].fillna("") == ""
    df.loc[topicless, "topic"] = "Session " + df.loc[topicless, "session_number"].astype(str)
    start = first_free_id(con, "SELECT max(session_id) FROM sessions")
    new = df["session_id"].isna()
    df.loc[new, "session_id"] = range(start, start + int(new.sum()))
    staged.added, staged.replaced = int(new.sum()), int((~new).sum())
    staged.summary.append(f"{staged.added:,} new sessions, {staged.replaced:,} updated")

    def write(w: duckdb.DuckDBPyConnection) -> None:
        rows = df[["session_id", "group_id", "session_number", "topic", "date", "start_time", "length_min",
                   "modality"]].copy()
        rows["start_time"] = rows["start_time"].replace("", None)
        rows["length_min"] = pd.to_numeric(rows["length_min"], errors="coerce")
        w.register("rows", rows.astype({"session_id": "int64", "group_id": "int64"}))
        run_script(w, "ingest/sessions/upsert")
        w.unregister("rows")

    staged.write = write
    return staged
