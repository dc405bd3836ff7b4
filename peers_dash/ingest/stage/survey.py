"""Survey imports for a named wave: responses with where each respondent stood (respondents), never who they
are, recognised when the same responses are exported again."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from peers_dash.ingest.problems import Report
from peers_dash.ingest.stage.resolve import first_free_id, key
from peers_dash.ingest.stage.respondents import class_year_on, place
from peers_dash.ingest.stage.staged import Staged, insert_new
from peers_dash.model.filters import ay_label
from peers_dash.sql import load, run_script


@dataclass(frozen=True)
class Wave:
    kind: str              # annual / post_session
    year: int              # academic year start
    session_number: int | None = None

    @property
    def name(self) -> str:
        if self.kind == "annual":
            return f"Annual well-being survey {ay_label(self.year)}"
        return f"Session feedback {ay_label(self.year)} #{self.session_number}"

    @property
    def on(self) -> str:
        """The date the wave stands for: spring for the annual survey."""
        return f"{self.year + 1}-03-01" if self.kind == "annual" else f"{self.year + 1}-06-30"


def parse_wave(text: str) -> Wave | None:
    """'2024-25 annual', 'annual 2024-25', '2024-25 post-session 3' -> Wave; None if unreadable."""
    t = key(text)
    year = re.search(r"((?:19|20)\d\d)\s*[-/]\s*(\d\d)", t)
    if not year:
        return None
    if "annual" in t or "spring" in t:
        return Wave("annual", int(year.group(1)))
    number = re.search(r"(?:post[- ]?session|feedback|session)\D*(\d{1,2})\b", t.replace(year.group(0), " "))
    if number and 1 <= int(number.group(1)) <= 10:
        return Wave("post_session", int(year.group(1)), int(number.group(1)))
    return None


def stage_survey(con: duckdb.DuckDBPyConnection, responses: pd.DataFrame, answers: pd.DataFrame,
                 new_items: pd.DataFrame, wave: Wave, eligible: str | None, roster: pd.DataFrame,
                 report: Report, source: str, programs: dict[str, dict] | None = None,
                 institution: str | None = None, create: bool = False) -> Staged:
    """Responses and answers of one file for one wave. A response exported before (the same response id, or the
    same row where the export has no ids) replaces its earlier rows whatever the file is called, and keeps the
    place it was first counted in; the earlier responses of a file of the same name that this export no longer
    has are removed with it; every other response of the wave is left as it is. Programs and cohorts the file
    names that are new are created only with `create` (the check step lists them)."""
    file = responses["_file"].iloc[0] if len(responses) else source
    placed = place(con, responses, wave.year, wave.on, roster, programs or {}, institution, report)
    df = placed.frame
    if placed.notes and not create:
        report.error(file, None, None, "this file names " + "; ".join(placed.notes[:8])
                     + (f" and {len(placed.notes) - 8} more" if len(placed.notes) > 8 else "")
                     + ": check the names, then import again saying to create them (on the Import page, tick "
                       "'Create them'; on the command line, add --create-new)")
    item_ids = set(con.execute("SELECT item_id FROM items").df()["item_id"]) | set(new_items["item_id"])
    unknown = sorted(set(answers["item_id"]) - item_ids)
    if unknown:
        report.error(file, None, None, f"unknown question ids {', '.join(unknown[:10])}: map them in a mapping file")
    wave_row = con.execute(load("ingest/survey/wave_of"), {"kind": wave.kind, "year": wave.year,
                                                           "session_number": wave.session_number or 0}).fetchall()
    wave_row = wave_row[0] if wave_row else None
    wave_id = wave_row[0] if wave_row else first_free_id(con, "SELECT max(wave_id) FROM survey_waves")
    df["response_key"] = _keys(con, df)
    kept = _keep_first_place(con, df, wave, source)
    if kept:
        report.warning(file, None, None, f"{kept:,} response(s) were imported before with another program, cohort, "
                                         "class year or number of sessions attended: they keep the place they were "
                                         "first counted in, since moving people between figures from one data "
                                         "version to the next would single them out (see Methods)")
    matched = _earlier(con, wave_id, df, set(answers["item_id"]), source)
    start = first_free_id(con, "SELECT max(response_id) FROM responses")
    df["response_id"] = np.arange(start, start + len(df))
    ids = dict(zip(df["respondent"], df["response_id"]))
    ans = answers[answers["respondent"].isin(ids)].copy()
    ans["response_id"] = ans["respondent"].map(ids)
    elig = _eligible(con, df, wave, eligible, report, file, has_rows=wave_row is not None)
    incomplete = int((df["complete"] == "false").sum())
    n_replaced = int(matched["why"].eq("same").sum())
    n_removed = int(matched["why"].eq("gone").sum())
    staged = Staged("survey", wave.name, added=len(df) - n_replaced, replaced=n_replaced + n_removed)
    staged.created = list(placed.notes)
    staged.summary.append(f"{len(df):,} responses, {len(ans):,} answers to {wave.name}"
                          + (f" ({incomplete:,} partly completed)" if incomplete else ""))
    others = con.execute("SELECT count(*) FROM responses WHERE wave_id = ?", [wave_id]).fetchall()[0][0] - len(matched)
    staged.summary.append(f"{len(df) - n_replaced:,} new, {n_replaced:,} replacing the same responses imported "
                          f"before" + (f", {n_removed:,} earlier responses of {file} not in this export removed"
                                       if n_removed else "")
                          + f"; {others:,} other responses of the wave left as they are")
    staged.summary.extend(f"creates the {note}" for note in placed.notes)
    if elig is not None:
        staged.summary.append(f"eligible: {int(elig['n_eligible'].sum()):,} people in {len(elig):,} cohorts")

    def write(w: duckdb.DuckDBPyConnection) -> None:
        insert_new(w, "programs", placed.new_programs)
        insert_new(w, "cohorts", placed.new_cohorts)
        if wave_row is None:
            run_script(w, "ingest/survey/insert_wave", {"wave_id": wave_id, "name": wave.name, "kind": wave.kind,
                                                        "year": wave.year, "session_number": wave.session_number})
        if len(new_items):
            _insert_items(w, new_items)
        gone = [int(r) for r in matched["response_id"]]
        run_script(w, "ingest/survey/delete_responses", {"response_ids": gone})
        rows = df[["response_id", "program_id", "cohort_id", "class_year", "attendance_band", "response_key"]].assign(
            wave_id=wave_id, source=source, wave_name=wave.name)
        w.register("rows", rows)
        run_script(w, "ingest/survey/insert_responses")
        w.unregister("rows")
        w.register("ans", ans[["response_id", "item_id", "value", "text"]])
        run_script(w, "ingest/survey/insert_answers")
        w.unregister("ans")
        if elig is not None:
            w.register("elig", elig.assign(wave_id=wave_id))
            run_script(w, "ingest/survey/insert_eligible")
            w.unregister("elig")

    staged.write = write
    return staged


def _keys(con: duckdb.DuckDBPyConnection, df: pd.DataFrame) -> list[str]:
    """A keyed digest per response of its export key (response id, or the row's cells with how many identical
    rows came before it), under a secret kept in the database: the same response exported again gets the same key,
    and the key says nothing about the respondent to anyone without the database."""
    row = con.execute("SELECT value FROM meta WHERE key = 'response_key_secret'").fetchall()
    if row:
        secret = row[0][0]
    else:
        secret = secrets.token_hex(32)
        run_script(con, "meta/set", {"key": "response_key_secret", "value": secret})
    seen: dict[str, int] = {}
    out = []
    for k in df["key"]:
        if k.startswith("content:"):  # the same row twice in a file: two responses
            seen[k] = seen.get(k, 0) + 1
            k = f"{k}#{seen[k]}"
        out.append(hmac.new(bytes.fromhex(secret), k.encode(), hashlib.sha256).hexdigest()[:32])
    return out


def _keep_first_place(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, wave: Wave, source: str) -> int:
    """Responses imported before (the same key, in the same program or from a file of the same name, even if
    undone since) take the program, cohort, class year and attendance band they were first placed in; returns
    how many would otherwise have moved."""
    first = con.execute(load("ingest/survey/first_places"),
                        {"wave_name": wave.name, "keys": list(df["response_key"])}).df()
    if first.empty:
        return 0
    moved = 0
    cols = ["program_id", "cohort_id", "class_year", "attendance_band"]
    for i, (k, program) in enumerate(zip(df["response_key"], df["program_id"])):
        hit = first[(first["response_key"] == k) & ((first["program_id"] == program) | (first["source"] == source))]
        if hit.empty:
            continue
        place = hit.iloc[0]
        now = [df[c].iloc[i] for c in cols]
        was = [place[c] for c in cols]
        if any(not (pd.isna(a) and pd.isna(b)) and (pd.isna(a) or pd.isna(b) or a != b) for a, b in zip(now, was)):
            moved += 1
            for c in cols:
                df.iloc[i, df.columns.get_loc(c)] = None if pd.isna(place[c]) else place[c]
    return moved


def _earlier(con: duckdb.DuckDBPyConnection, wave_id: int, df: pd.DataFrame, items: set[str],
             source: str) -> pd.DataFrame:
    """The wave's responses this file replaces (response_id, why): 'same' for a response with one of the file's
    keys, in the same program or from a file of the same name, that answered a question the file also asks (the
    same survey, exported again under any name); 'gone' for the other responses of an earlier file of this name
    that shared a response with this one (a newer export of the same survey no longer has them), and for rows
    imported before keys existed under this name."""
    pairs = [f"{k}|{int(p) if pd.notna(p) else -1}" for k, p in zip(df["response_key"], df["program_id"])]
    return con.execute(load("ingest/survey/earlier"),
                       {"wave": wave_id, "keys": list(df["response_key"]), "pairs": pairs, "items": sorted(items),
                        "source": source}).df()


def _eligible(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, wave: Wave, eligible: str | None,
              report: Report, file: str, has_rows: bool) -> pd.DataFrame | None:
    """wave_eligible rows: a number for a single-cohort file, or counted from the roster on the wave's date (the
    cohorts of the file's programs in training that year: a class that has graduated is not eligible, even where
    the roster never closed its memberships)."""
    if eligible is None and has_rows:
        return None
    cohorts = sorted({int(c) for c in df["cohort_id"].dropna()})
    programs = sorted({int(p) for p in df["program_id"].dropna()})
    cinfo = con.execute(load("ingest/survey/cohort_years")).df().set_index("cohort_id")

    def class_year(cohort_id: int) -> str:
        if cohort_id not in cinfo.index:  # created by this import
            return ""
        c = cinfo.loc[cohort_id]
        return class_year_on(c["kind"], c["years"], c["first_class_year"], c["entry_year"], wave.year)

    if eligible and eligible.strip().isdigit():
        if len(cohorts) != 1:
            report.error(file, None, None, f"--eligible {eligible}: a single number needs all responses in one "
                                           f"cohort (this file has {len(cohorts)}); leave it out to count from the "
                                           "roster")
            return None
        label = class_year(cohorts[0]) or str(df["class_year"].dropna().iloc[0] if df["class_year"].notna().any()
                                              else "")
        return pd.DataFrame({"cohort_id": cohorts, "class_year": [label], "n_eligible": [int(eligible)]})
    if eligible not in (None, "roster"):
        report.error(file, None, None, f"--eligible {eligible!r}: give a number or 'roster'")
        return None
    counted = con.execute(load("ingest/survey/eligible_from_roster"), {"programs": programs, "on": wave.on}).df()
    if counted.empty:
        report.warning(file, None, None, "no roster to count who was eligible: response rates will be missing "
                                         "(give --eligible N)")
        return None
    counted["class_year"] = [class_year(int(c)) for c in counted["cohort_id"]]
    return counted[counted["class_year"] != ""]


def _insert_items(w: duckdb.DuckDBPyConnection, items: pd.DataFrame) -> None:
    frame = items.copy()
    frame["instrument_id"] = frame["instrument_id"].replace("", "custom").fillna("custom")
    frame["position"] = range(1000, 1000 + len(frame))
    w.register("new_items", frame)
    run_script(w, "ingest/survey/insert_items")  # the instrument 'custom' first, then the questions
    w.unregister("new_items")
