"""Match the names in a file (program, cohort, group, session) to the database's ids, vectorised."""
from __future__ import annotations

import re

import duckdb
import pandas as pd

from peers_dash.ingest.problems import Report, records
from peers_dash.sql import load


def key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def group_key(text: object) -> str:
    """'Group 07', 'group 7', '7' -> '7'; other names compare case-insensitively."""
    t = key(text)
    m = re.fullmatch(r"(?:group\s*)?0*(\d+)", t)
    return m.group(1) if m else t


def grad_year(text: object) -> int | None:
    """'2024', 'MD Class of 2024', 'Class of 2024' -> 2024."""
    m = re.search(r"(?:^|\D)((?:19|20)\d\d)\s*$", str(text or "").strip())
    return int(m.group(1)) if m else None


def map_unique(series: pd.Series, fn) -> pd.Series:
    """fn applied once per distinct value (a column of millions of rows holds few distinct names)."""
    values = series.unique()
    return series.map(dict(zip(values, map(fn, values))))


def dimensions(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """programs, cohorts and groups with matching keys."""
    programs = con.execute("SELECT program_id, institution_id, name, kind, years, first_class_year FROM programs").df()
    programs["pkey"] = programs["name"].map(key)
    cohorts = con.execute("SELECT cohort_id, program_id, name, entry_year, grad_year FROM cohorts").df()
    groups = con.execute("SELECT group_id, cohort_id, name FROM groups").df()
    groups["gkey"] = groups["name"].map(group_key)
    return {"programs": programs, "cohorts": cohorts, "groups": groups}


def resolve_groups(df: pd.DataFrame, dims: dict[str, pd.DataFrame], report: Report,
                   required: bool = True) -> pd.DataFrame:
    """Add program_id, cohort_id and group_id to a frame with program, cohort, group text columns; each
    name that matches nothing is reported once per row with its column."""
    out = df.copy()
    programs = dims["programs"].drop_duplicates("pkey").set_index("pkey")["program_id"]
    out["program_id"] = map_unique(out["program"], key).map(programs)
    out["grad_year"] = map_unique(out["cohort"], grad_year)
    cohorts = dims["cohorts"].set_index(["program_id", "grad_year"])["cohort_id"]
    pairs = pd.MultiIndex.from_arrays([out["program_id"].fillna(-1).astype("int64"),
                                       out["grad_year"].fillna(-1).astype("int64")])
    out["cohort_id"] = cohorts.reindex(pairs).to_numpy()
    groups = dims["groups"].set_index(["cohort_id", "gkey"])["group_id"]
    if "group" in out.columns:
        gpairs = pd.MultiIndex.from_arrays([out["cohort_id"].fillna(-1).astype("int64"),
                                            map_unique(out["group"], group_key)])
        out["group_id"] = groups.reindex(gpairs).to_numpy()
    if required:
        known = ", ".join(sorted(dims["programs"]["name"])[:8]) or "none yet: import the roster first"
        for r in out.loc[out["program_id"].isna()].pipe(records):
            report.error(r.file_, r.row_, "program", f"unknown program {r.program!r} (known: {known})")
        bad_cohort = out["program_id"].notna() & out["cohort_id"].isna()
        for r in out.loc[bad_cohort].pipe(records):
            what = "is not a graduation year or cohort name" if r.grad_year != r.grad_year or r.grad_year is None \
                else f"is not a cohort of {r.program}"
            report.error(r.file_, r.row_, "cohort", f"{r.cohort!r} {what}")
        if "group" in out.columns:
            bad_group = out["cohort_id"].notna() & out["group_id"].isna()
            for r in out.loc[bad_group].pipe(records):
                report.error(r.file_, r.row_, "group", f"{r.group!r} is not a group of {r.program} {r.cohort}")
    for col in ("program_id", "cohort_id", "group_id"):
        if col in out.columns:
            out[col] = out[col].astype("Int64")
    return out


def members_on(con: duckdb.DuckDBPyConnection, session_ids: list[int]) -> pd.DataFrame:
    """session_id, participant_id of every member enrolled in the session's group on its date."""
    return con.execute(load("ingest/members_on"), {"sessions": [int(i) for i in session_ids]}).df()


def first_free_id(con: duckdb.DuckDBPyConnection, table_sql: str, *others: int) -> int:
    """One more than the largest id in use (table_sql is a constant 'SELECT max(id) FROM t')."""
    current = con.execute(table_sql).fetchall()[0][0]
    return int(max([current or 0, *others])) + 1
