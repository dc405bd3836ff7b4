"""Where each survey respondent stood: program, cohort, class year and attendance band, never who they are.

An e-mail or roster id in the export is used here only, to fill program, cohort, class year and attendance band
from the roster and the attendance records, and then dropped. Programs and cohorts the file names that the
database does not have yet are planned here (a survey-only office has no roster) and created by the import
only when it is told to (the check step shows them first).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.ingest.roster import PersonIndex
from peers_dash.ingest.stage.people import YEARS, infer_kind
from peers_dash.ingest.stage.resolve import first_free_id, grad_year, key
from peers_dash.ingest.survey.mapping_file import quoted
from peers_dash.sql import load

PREFIX = {"md": "MS", "graduate": "G", "residency": "PGY", "fellowship": "PGY"}
KIND_OF_PREFIX = {"MS": "md", "PGY": "residency", "G": "graduate"}


def class_years_of(kind: str, years: int, first: int) -> list[str]:
    """The class years of a program: MS1-MS6 for a 6-year MD program, PGY4-PGY6 for a 3-year fellowship."""
    return [f"{PREFIX.get(kind, 'PGY')}{n}" for n in range(int(first), int(first) + int(years))]


def class_year_on(kind: str, years: int, first: int, entry_year: int, year: int) -> str:
    """A cohort's class year in an academic year; '' before it starts or after it has graduated."""
    n = year - int(entry_year) + int(first)
    return f"{PREFIX.get(kind, 'PGY')}{n}" if first <= n < first + years else ""


def tidy_class_year(text: str) -> str:
    """'ms 1', 'MS-1', 'pgy2' -> 'MS1', 'PGY2'; anything else as written."""
    t = re.sub(r"[\s\-_.]", "", str(text)).upper()
    return t if re.fullmatch(r"(MS|PGY|G)\d{1,2}", t) else str(text).strip()


@dataclass
class Placed:
    """The respondents placed, and the programs and cohorts the import would create."""

    frame: pd.DataFrame
    new_programs: pd.DataFrame
    new_cohorts: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def place(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, wave_year: int, on: str, roster: pd.DataFrame,
          programs_spec: dict[str, dict], institution: str | None, report: Report) -> Placed:
    """program_id, cohort_id, class_year and attendance_band for each response (identity dropped)."""
    cols = df.attrs.get("who_columns", {})
    progs = con.execute("SELECT program_id, institution_id, name, kind, years, first_class_year FROM programs").df()
    cohorts = con.execute("SELECT cohort_id, program_id, name, entry_year, grad_year FROM cohorts").df()
    df = df.copy()
    df["class_year"] = df["class_year"].map(tidy_class_year)
    new_p = _plan_programs(con, df, progs, programs_spec, institution, wave_year, report, cols)
    progs = pd.concat([progs, new_p.drop(columns=["joined_year"])], ignore_index=True)
    by_key = dict(zip(progs["name"].map(key), progs["program_id"]))
    df["program_id"] = df["program"].map(lambda p: by_key.get(key(p)) if p else None).astype("Int64")
    _from_roster(con, df, roster, report, cols)
    new_c = _plan_cohorts(con, df, progs, cohorts, report, cols)
    cohorts = pd.concat([cohorts, new_c], ignore_index=True)
    pinfo = progs.set_index("program_id")
    cinfo = cohorts.set_index("cohort_id")
    computed = []
    for c in df["cohort_id"]:
        if pd.isna(c):
            computed.append("")
            continue
        row = cinfo.loc[int(c)]
        p = pinfo.loc[int(row["program_id"])]
        computed.append(class_year_on(p["kind"], p["years"], p["first_class_year"], row["entry_year"], wave_year))
    df["class_year"] = df["class_year"].where(df["class_year"] != "", pd.Series(computed, index=df.index))
    _check_class_years(df, pinfo, report, cols)
    df["attendance_band"] = _bands(con, df, wave_year, on)
    df["class_year"] = df["class_year"].replace("", None)
    notes = [f"new program {r.name!r} ({r.kind}, class years "
             f"{', '.join(class_years_of(r.kind, r.years, r.first_class_year))})" for r in new_p.itertuples()]
    notes += [f"new cohort {r.name!r}" for r in new_c.itertuples()]
    return Placed(df.drop(columns=["email", "roster_id", "participant_id"]), new_p, new_c, notes)


def _plan_programs(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, progs: pd.DataFrame, spec: dict[str, dict],
                   institution: str | None, wave_year: int, report: Report, cols: dict) -> pd.DataFrame:
    """The programs the file names that the database does not have: their kind and years come from the mapping's
    [programs."NAME"], else from the class years the file gives them."""
    known = set(progs["name"].map(key))
    out = []
    pid = first_free_id(con, "SELECT max(program_id) FROM programs")
    institutions = con.execute("SELECT institution_id, name FROM institutions ORDER BY institution_id").fetchall()
    if institution:
        match = [i for i, n in institutions if key(n) == key(institution)]
        inst_id = match[0] if match else None
    else:
        inst_id = institutions[0][0] if len(institutions) == 1 else None
    col = cols.get("program", "program")
    for name, rows in df[df["program"].str.strip() != ""].groupby(df["program"].map(key), sort=True):
        if name in known:
            continue
        first_row = int(rows["_row"].iloc[0])
        written = rows["program"].iloc[0].strip()
        close = difflib.get_close_matches(written, list(progs["name"]), n=1, cutoff=0.75)
        near = (f"; if it means {close[0]!r}, say so in the mapping: [translate.program] "
                f"{quoted(written)} = {quoted(close[0])}") if close else ""
        if inst_id is None:
            report.error(rows["_file"].iloc[0], first_row, col,
                         f"{written!r} is a new program and the database has several institutions: say which one it "
                         f"belongs to (--institution){near}")
            continue
        given = spec.get(key(written))
        if given:
            kind, years, first = given["kind"], given["years"], given["first_class_year"]
        else:
            seen = sorted({c for c in rows["class_year"] if c})
            prefixes = {re.match(r"(MS|PGY|G)\d", c).group(1) for c in seen if re.fullmatch(r"(MS|PGY|G)\d{1,2}", c)}
            named = infer_kind(written)  # 'MD', '... Fellowship', 'PhD ...' say what they are; other names do not
            definite = named != "residency" or "residen" in key(written)
            if len(prefixes) > 1 or not (prefixes or definite):
                report.error(rows["_file"].iloc[0], first_row, col,
                             f"{written!r} is a new program: say what it is in the mapping, e.g. "
                             f"[programs.{quoted(written)}] kind = \"md\" and years = 4 (its class years in this file "
                             f"do not say){near}")
                continue
            kind = KIND_OF_PREFIX[next(iter(prefixes))] if prefixes else named
            prefix = PREFIX[kind]
            numbers = [int(c[len(prefix):]) for c in seen if c.startswith(prefix) and c[len(prefix):].isdigit()]
            first = 1
            years = max(YEARS[kind], max(numbers) if numbers else 0)
        if near:
            report.warning(rows["_file"].iloc[0], first_row, col, f"{written!r} is not a program of the database"
                                                                  f" and will be created{near}")
        out.append(dict(program_id=pid, institution_id=inst_id, name=written, kind=kind, years=years,
                        first_class_year=first, joined_year=wave_year))
        known.add(name)
        pid += 1
    return pd.DataFrame(out, columns=["program_id", "institution_id", "name", "kind", "years", "first_class_year",
                                      "joined_year"])


def _from_roster(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, roster: pd.DataFrame, report: Report,
                 cols: dict) -> None:
    """Respondents found in the roster by e-mail or roster id take their program and cohort from it."""
    index = PersonIndex(roster)
    pid = [index.find(roster_id=r, email=e)[0] if (r or e) else None for r, e in zip(df["roster_id"], df["email"])]
    df["participant_id"] = pd.array(pid, dtype="Int64")
    df["roster_cohort"] = pd.array([None] * len(df), dtype="Int64")
    known = df["participant_id"].notna()
    if not known.any():
        return
    people = con.execute(load("ingest/survey/roster_people"),
                         {"ids": [int(x) for x in df.loc[known, "participant_id"]]}).df().set_index("participant_id")
    program = df["participant_id"].map(people["program_id"]).astype("Int64")
    differ = known & df["program_id"].notna() & program.notna() & (program != df["program_id"])
    if differ.any():
        rows = ", ".join(str(r) for r in df.loc[differ, "_row"].head(10))
        report.warning(df["_file"].iloc[0], None, cols.get("program", "program"),
                       f"{int(differ.sum())} respondent(s) found in the roster are in another program there than the "
                       f"file says (rows {rows}): the roster's program is used")
    df["program_id"] = program.where(known, df["program_id"]).astype("Int64")
    df["roster_cohort"] = df["participant_id"].map(people["cohort_id"]).astype("Int64")


def _plan_cohorts(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, progs: pd.DataFrame, cohorts: pd.DataFrame,
                  report: Report, cols: dict) -> pd.DataFrame:
    """cohort_id for each response (from the roster, or the cohort the file names); new cohorts planned."""
    known = {(int(p), int(g)): int(c) for p, g, c in zip(cohorts["program_id"], cohorts["grad_year"],
                                                         cohorts["cohort_id"])}
    pinfo = progs.set_index("program_id")
    cid = first_free_id(con, "SELECT max(cohort_id) FROM cohorts")
    new, ids = [], []
    col = cols.get("cohort", "cohort")
    for r in records(df):
        if pd.notna(r.roster_cohort):
            ids.append(int(r.roster_cohort))
            continue
        if pd.isna(r.program_id):
            what = f"{r.program!r} is not a program of the database" if r.program else \
                "no program, cohort, e-mail or roster id"
            report.error(r.file_, r.row_, cols.get("program", "program"),
                         f"{what}: the dashboard needs at least the program")
            ids.append(None)
            continue
        if not r.cohort:
            ids.append(None)
            continue
        gy = grad_year(r.cohort)
        if gy is None:
            report.error(r.file_, r.row_, col, f"{r.cohort!r} is not a graduation year or cohort name (e.g. 2027 or "
                                               "\"MD Class of 2027\"); translate it in the mapping's "
                                               "[translate.cohort]")
            ids.append(None)
            continue
        pk = (int(r.program_id), gy)
        if pk not in known:
            p = pinfo.loc[int(r.program_id)]
            new.append(dict(cohort_id=cid, program_id=int(r.program_id), name=f"{p['name']} Class of {gy}",
                            entry_year=gy - int(p["years"]), grad_year=gy))
            known[pk] = cid
            cid += 1
        ids.append(known[pk])
    df["cohort_id"] = pd.array(ids, dtype="Int64")
    del df["roster_cohort"]
    return pd.DataFrame(new, columns=["cohort_id", "program_id", "name", "entry_year", "grad_year"])


def _check_class_years(df: pd.DataFrame, pinfo: pd.DataFrame, report: Report, cols: dict) -> None:
    """Every class year is one of its program's (MS1-MS6 for a 6-year MD program): one that is not is refused."""
    col = cols.get("class_year", "class_year")
    for r in records(df[(df["class_year"] != "") & df["program_id"].notna()]):
        p = pinfo.loc[int(r.program_id)]
        allowed = class_years_of(p["kind"], p["years"], p["first_class_year"])
        if r.class_year not in allowed:
            digits = re.search(r"\d+", r.class_year)
            guess = f"{allowed[0].rstrip('0123456789')}{int(digits.group())}" if digits else ""
            report.error(r.file_, r.row_, col,
                         f"{r.class_year!r} is not a class year of {p['name']} ({', '.join(allowed)}); say which one "
                         f"it means in the mapping, e.g. [translate.class_year] {quoted(r.class_year)} = "
                         f"{quoted(guess if guess in allowed else allowed[0])}")


def _bands(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, wave_year: int, on: str) -> pd.Series:
    """'0-3' / '4-7' / '8-10': sessions attended so far (MD) or this academic year (others), by the wave."""
    known = df["participant_id"].dropna().astype("int64").tolist()
    if not known:
        return pd.Series([None] * len(df), index=df.index, dtype="object")
    counts = con.execute(load("ingest/survey/attendance_bands"),
                         {"ids": known, "year": wave_year, "on": on}).df().set_index("participant_id")["n"]
    n = df["participant_id"].map(counts)
    n = n.where(n.notna() | df["participant_id"].isna(), 0)
    return n.map(lambda v: None if pd.isna(v) else "0-3" if v <= 3 else "4-7" if v <= 7 else "8-10")
