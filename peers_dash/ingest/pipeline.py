"""An import from files to the database, all or nothing.

read (read/) -> detect the format (formats/) -> parse into canonical frames (formats/parsers/) -> match to the
database and work out what is added and replaced (stage/) -> write through the single writer, with the import
logged.
A preview runs exactly the same code on a throwaway copy (writer.rehearsal), so what it shows is what an
import would do. Any error anywhere: nothing is written, and the report lists every problem at once.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from peers_dash import PeersError
from peers_dash.ingest.formats import REGISTRY, TEMPLATES
from peers_dash.ingest.problems import Report
from peers_dash.ingest.roster import (commit_roster_file, load_roster, previous_roster_path, roster_path,
                                     stage_roster_file)
from peers_dash.ingest.stage.fast_signin import load_clean_signin
from peers_dash.ingest.stage.meeting import find_session, stage_meeting
from peers_dash.ingest.stage.people import stage_roster, stage_sessions
from peers_dash.ingest.stage.signin import stage_signin
from peers_dash.ingest.stage.staged import Staged, run
from peers_dash.ingest.stage.survey import parse_wave, stage_survey
from peers_dash.sql import load, run_script
from peers_dash.store.db import peek, read_meta, set_meta
from peers_dash.store.writer import Refresh, previous_path, rehearsal, writing

KINDS = ("roster", "sessions", "attendance", "survey", "term")
# The formats each kind of import reads, from the registry (peers_dash.ingest.formats), templates first: a
# table that is no known export is read as the kind's template, whose parser names the missing columns.
# A term's files are every format that is not a survey, imported in the order they depend on.
KIND_OF = {name: f.kind for name, f in REGISTRY.items() if f.parse is not None}
FORMATS = {kind: tuple(sorted((n for n, k in KIND_OF.items() if k == kind), key=lambda n: n not in TEMPLATES))
           for kind in ("roster", "sessions", "attendance", "survey")}
FORMATS["term"] = tuple(sorted((n for n, k in KIND_OF.items() if k != "survey"), key=lambda n: n not in TEMPLATES))
_TERM_ORDER = {"roster": 0, "sessions": 1, "attendance": 2}
Progress = Callable[[float, str], None]


@dataclass
class Request:
    """What to import: the kind, the files (name, bytes), and the options a kind needs."""

    kind: str
    files: list[tuple[str, bytes]]
    fmt: str = "auto"
    mapping: tuple[str, bytes] | None = None
    session: str | None = None          # Zoom / Teams: 'COHORT / GROUP / YYYY-MM-DD' or a session id
    wave: str | None = None             # surveys: '2024-25 annual' or '2024-25 post-session 3'
    eligible: str | None = None         # surveys: a number, or 'roster'
    present_share: float = 0.5          # Zoom / Teams: share of the session's length that counts as present
    institution: str | None = None      # roster, survey: the institution new programs belong to
    create_new: bool = False            # survey: create the programs and cohorts the file names that are new;
                                        # sign-in sheets: create the sessions they need that are missing
    date_order: str | None = None       # 'dmy' or 'mdy' when a file's slashed dates cannot tell (10/09/2024)
    who: str = "unknown"


@dataclass
class Outcome:
    """What happened (or, for a preview, would happen)."""

    report: Report
    staged: list[Staged] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok

    def changed_sessions(self) -> list[int] | None:
        """The sessions whose attendance is all the staged writes change (attendance imports): the writer then
        rebuilds only their rows and cells. None when a write may change more (every table is rebuilt)."""
        if any(s.sessions is None for s in self.staged):
            return None
        return sorted({i for s in self.staged for i in s.sessions or ()})

    def summary(self) -> str:
        if not self.staged:
            what = "every file was imported before" if self.skipped else "the files hold nothing new"
            return f"nothing changed: {what}"
        added = sum(s.added for s in self.staged)
        replaced = sum(s.replaced for s in self.staged)
        verb = "imported" if self.applied else "would import"
        files = len(self.formats) - len(self.skipped)
        text = f"{verb} {files} file{'s' if files != 1 else ''}: {added:,} rows added, {replaced:,} replaced"
        if self.skipped:
            text += f"; {len(self.skipped)} already imported, skipped"
        if self.report.warnings:
            text += f"; {len(self.report.warnings)} warnings"
        return text


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def preview(db: Path, req: Request, progress: Progress | None = None) -> Outcome:
    """Everything an import does, on a throwaway copy: the report and what would be added and replaced."""
    _check_target(db)
    with rehearsal(db) as con:
        return _run(con, db, req, progress, apply=False)


def run_import(db: Path, req: Request, progress: Progress | None = None) -> Outcome:
    """Import for real, all or nothing. A rejected import raises nothing: its Outcome says why."""
    _check_target(db)
    outcome: Outcome | None = None

    class _Rejected(Exception):
        pass

    refresh = Refresh()
    try:
        with writing(db, keep_previous=True, refresh=refresh) as con:
            outcome = _run(con, db, req, progress, apply=True)
            if not outcome.ok or not outcome.staged:
                raise _Rejected  # leave the block with an exception: the writer discards its copy
            refresh.sessions = outcome.changed_sessions()
    except _Rejected:
        outcome.applied = False
        return outcome
    commit_roster_file(db)
    outcome.applied = True
    if progress:
        progress(1.0, "done")
    return outcome


def _check_target(db: Path) -> None:
    db = Path(db)
    if not db.exists():
        raise PeersError(f"no database at {db.name}: start one with `python -m peers_dash init --db PATH`")
    version, meta = peek(db)
    if version == 0:
        raise PeersError(f"{db.name} is not a PEERS database")
    if meta.get("is_demo") == "true":
        raise PeersError(f"{db.name} holds the synthetic demo data, which imports never change: start a real database "
                         "with `python -m peers_dash init --db PATH` and import into that (set PEERS_DB=PATH to "
                         "show it)")


def _run(con: duckdb.DuckDBPyConnection, db: Path, req: Request, progress: Progress | None, apply: bool) -> Outcome:
    from peers_dash.ingest import parse  # the format parsers; imported late (they are the heaviest part)

    report = Report()
    outcome = Outcome(report)
    if req.kind not in KINDS:
        report.error("import", None, None, f"unknown kind {req.kind!r}: one of {', '.join(KINDS)}")
        return outcome
    if not req.files:
        report.error("import", None, None, "no file given")
        return outcome
    roster = _roster_of(con, db, req, repair=apply)
    wave = parse_wave(req.wave) if req.kind == "survey" and req.wave else None
    if req.kind == "survey" and wave is None:
        report.error("import", None, None, f"--wave {req.wave!r}: say which wave, e.g. '2024-25 annual' or "
                                           "'2024-25 post-session 3'" if req.wave else
                     "a survey import needs its wave, e.g. --wave '2024-25 annual'")
        return outcome
    mapping = parse.load_mapping_file(req.mapping, report) if req.mapping else None
    data_files, dictionary = parse.split_dictionary(req.files)
    if req.kind == "term":
        data_files = parse.split_workbooks(data_files, report)
    planned = []
    for name, data in data_files:
        fmt = parse.detect(name, data, req.fmt, FORMATS[req.kind], report)
        outcome.formats[name] = fmt or "unknown"
        if fmt is not None:
            planned.append((name, data, fmt, KIND_OF.get(fmt, req.kind) if req.kind == "term" else req.kind))
    planned.sort(key=lambda f: _TERM_ORDER.get(f[3], 0))  # stable: files of one kind keep their order
    for i, (name, data, fmt, kind) in enumerate(planned):
        if progress:
            progress(0.1 + 0.8 * i / len(planned), f"checking {name}")
        digest = content_hash(data)
        if _already_imported(con, kind, name, digest):
            outcome.skipped.append(name)
            report.warning(name, None, None, "this exact file was imported before: nothing to do")
            continue
        before = len(report.errors)
        source = f"{fmt}:{name}"
        staged = _stage_file(con, req, kind, fmt, name, data, source, roster, wave, mapping, dictionary, report)
        if staged is None or len(report.errors) > before or staged.write is None:
            continue
        staged.write(con)  # later files see earlier ones (ids, sessions); the copy is discarded on error
        if staged.roster is not None:
            roster = staged.roster
        _log(con, kind, req.who, name, digest, source, staged, report)
        outcome.staged.append(staged)
    if apply and report.ok and outcome.staged:
        if progress:
            progress(0.95, "writing the database")
        _keep_previous_roster(db)  # undo puts back the roster as it was before this import
        if any(s.roster is not None for s in outcome.staged):
            set_meta(con, roster_digest=stage_roster_file(db, roster))  # committed after the swap
    return outcome


def _roster_of(con: duckdb.DuckDBPyConnection, db: Path, req: Request, repair: bool) -> pd.DataFrame:
    """The roster file that belongs to this database; an import that matches people stops when it is
    missing or does not match (sessions and surveys counted by number never read it)."""
    needs = req.kind in ("roster", "attendance", "term") or (req.kind == "survey" and req.eligible == "roster")
    digest = read_meta(con).get("roster_digest")
    people = con.execute("SELECT count(*) FROM participants").fetchall()[0][0]
    try:
        return load_roster(db, digest, people=people if needs else 0, repair=repair)
    except PeersError:
        if needs:
            raise
        return load_roster(db, None)  # not needed: read what is there, change nothing


def _stage_file(con: duckdb.DuckDBPyConnection, req: Request, kind: str, fmt: str, name: str, data: bytes,
                source: str, roster: pd.DataFrame, wave, mapping, dictionary, report: Report) -> Staged | None:
    """Parse one file and work out what it adds and replaces; None when nothing is left to check."""
    from peers_dash.ingest import parse

    before = len(report.errors)
    if fmt == "signin" and load_clean_signin(con, data, name):
        return stage_signin(con, roster, report, source, req.create_new)  # a big clean sheet, never leaving DuckDB
    frames = parse.parse(fmt, name, data, report, mapping=mapping, dictionary=dictionary, date_order=req.date_order)
    if frames is None or not _good_rows(frames, report.errors[before:], name):
        return None
    if "responses" in frames and frames["responses"].empty and len(report.errors) == before:
        report.error(name, None, None, "there are no responses below the header: nothing to import")
        return None
    if kind == "roster":
        return stage_roster(con, frames["rows"], roster, report, req.institution)
    if kind == "sessions":
        return stage_sessions(con, frames["rows"], report)
    if fmt == "signin":
        con.register("incoming_rows", frames["rows"])
        run(con, "CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM incoming_rows")
        con.unregister("incoming_rows")
        return stage_signin(con, roster, report, source, req.create_new)
    if kind == "attendance":
        session = req.session or find_session(con, frames["rows"], frames.get("other_reading"), roster, report, fmt)
        if not session:
            return None
        return stage_meeting(con, frames["rows"], session, roster, report, source, req.present_share,
                             other=frames.get("other_reading"))
    return stage_survey(con, frames["responses"], frames["answers"], frames["new_items"], wave, req.eligible,
                        roster, report, name, programs=mapping.programs if mapping else None,
                        institution=req.institution, create=req.create_new)


def _good_rows(frames: dict[str, pd.DataFrame], errors: list, name: str) -> bool:
    """Keep only the rows the parser found nothing wrong with, so that the database checks still report
    their own problems (all problems at once); False when a problem concerns the whole file."""
    if any(p.row is None or p.row <= 1 for p in errors):
        return False
    bad = {p.row for p in errors if p.file == name}
    for key in ("rows", "responses"):
        if key in frames and bad:
            frames[key] = frames[key][~frames[key]["_row"].isin(bad)].reset_index(drop=True)
    return True


def _already_imported(con: duckdb.DuckDBPyConnection, kind: str, name: str, digest: str) -> bool:
    """True when the latest import of this file name is this very content and still applied."""
    row = con.execute(load("ingest/imports/latest"), {"kind": kind, "file_name": name}).fetchall()
    return bool(row) and row[0][0] == digest and row[0][1] == "applied"


def _log(con: duckdb.DuckDBPyConnection, kind: str, who: str, name: str, digest: str, source: str, staged: Staged,
         report: Report) -> None:
    run_script(con, "ingest/imports/log", {
        "kind": kind, "file_name": name, "content_hash": digest, "source": source, "target": staged.target,
        "imported_at": datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None), "imported_by": who,
        "rows_added": staged.added, "rows_replaced": staged.replaced, "rows_rejected": staged.rejected,
        "warnings": len(report.warnings)})


def _keep_previous_roster(db: Path) -> None:
    path, keep = roster_path(db), previous_roster_path(db)
    if path.exists():
        shutil.copyfile(path, keep)
    else:
        keep.unlink(missing_ok=True)


def undo_last(db: Path, who: str) -> str:
    """Put back the database (and roster) as they were before the last import; returns what was undone."""
    db = Path(db).resolve()
    _check_target(db)
    previous = previous_path(db)
    if not previous.exists():
        raise PeersError("there is no import to undo")
    _, now = peek(db)
    _, before = peek(previous)
    if int(before.get("data_version", "-1")) != int(now.get("data_version", "0")) - 1:
        raise PeersError("the database changed since the last import: it can no longer be undone")
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS cur (READ_ONLY)", [str(db)])
        last = con.execute(load("ingest/imports/last_applied")).df()
    finally:
        con.close()
    if last.empty:
        raise PeersError("there is no import to undo")
    with writing(db, start_from=previous) as w:
        w.register("undone", last.assign(status="undone"))
        run_script(w, "ingest/imports/mark_undone")
        w.unregister("undone")
    previous.unlink(missing_ok=True)
    keep = previous_roster_path(db)
    if keep.exists():
        os.replace(keep, roster_path(db))
    r = last.iloc[0]
    return f"undid import {r['import_id']} ({r['kind']} from {r['file_name']}, {r['rows_added']:,} rows)"


def init_database(db: Path, institution: str) -> None:
    """A new, empty PEERS database with the survey catalogue and one institution."""
    from peers_dash.model.catalog import load_catalog

    db = Path(db)
    if db.exists():
        raise PeersError(f"{db.name} already exists: init never replaces a database")
    with writing(db, new=True, demo=False) as con:
        load_catalog(con)
        run_script(con, "ingest/roster/add_institution", {"institution_id": 1, "name": institution})
