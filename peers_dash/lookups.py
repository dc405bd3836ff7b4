"""What the filters can choose from, names for ids, and the database's own facts (data as of, version)."""
from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

import duckdb
import pandas as pd

from peers_dash.db import read_meta
from peers_dash.filters import CohortFilter, ay_label
from peers_dash.sql import load

LABELLED = ("institution", "program", "cohort")  # dimensions whose labels come from sql/labels/<dim>.sql


def labels(con: duckdb.DuckDBPyConnection, dim: str, ids: Sequence[int] = ()) -> dict[int, str]:
    """id -> label of one dimension (all its ids when none are given): the one place a program or cohort is
    named, so that the sidebar, the describing words, chart categories, clicks and CSVs agree, and a name that
    repeats across institutions says which."""
    return dict(con.execute(load(f"labels/{dim}"), {"ids": [int(i) for i in ids]}).fetchall())


def institutions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """institution_id, name, ordered by name."""
    return con.execute("SELECT institution_id, name FROM institutions ORDER BY name").df()


def programs(con: duckdb.DuckDBPyConnection, institution_ids: Sequence[int] = ()) -> pd.DataFrame:
    """program_id, name, kind, institution_id, label of the given institutions' programs (all when none)."""
    df = con.execute(
        """SELECT program_id, name, kind, institution_id FROM programs
           WHERE len($ids) = 0 OR list_contains($ids, institution_id)
           ORDER BY CASE kind WHEN 'md' THEN 0 WHEN 'residency' THEN 1 WHEN 'fellowship' THEN 2 ELSE 3 END, name""",
        {"ids": [int(i) for i in institution_ids]},
    ).df()
    df["label"] = df["program_id"].map(labels(con, "program", df["program_id"].tolist()))
    return df


def cohorts(con: duckdb.DuckDBPyConnection, program_ids: Sequence[int] = (),
            institution_ids: Sequence[int] = ()) -> pd.DataFrame:
    """cohort_id, name, program_id, grad_year, label of the given programs / institutions' cohorts, newest
    first."""
    df = con.execute(
        """SELECT c.cohort_id, c.name, c.program_id, c.grad_year FROM cohorts c
           JOIN programs p ON p.program_id = c.program_id
           WHERE (len($programs) = 0 OR list_contains($programs, c.program_id))
             AND (len($institutions) = 0 OR list_contains($institutions, p.institution_id))
           ORDER BY c.grad_year DESC, c.name""",
        {"programs": [int(i) for i in program_ids], "institutions": [int(i) for i in institution_ids]},
    ).df()
    df["label"] = df["cohort_id"].map(labels(con, "cohort", df["cohort_id"].tolist()))
    return df


def groups(con: duckdb.DuckDBPyConnection, cohort_ids: Sequence[int]) -> pd.DataFrame:
    """group_id, name (with its cohort), cohort_id of the given cohorts; none without a cohort."""
    return con.execute(
        """SELECT g.group_id, g.name || ' (' || c.name || ')' AS name, g.cohort_id FROM groups g
           JOIN cohorts c ON c.cohort_id = g.cohort_id
           WHERE list_contains($cohorts, g.cohort_id) ORDER BY c.grad_year DESC, g.name""",
        {"cohorts": [int(i) for i in cohort_ids]},
    ).df()


def class_years(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every class year with attendance or survey data, in training order."""
    rows = con.execute(
        """SELECT DISTINCT class_year FROM (
               SELECT DISTINCT class_year FROM person_year UNION ALL SELECT DISTINCT class_year FROM response_rollup)
           WHERE class_year IS NOT NULL ORDER BY class_year_order(class_year)"""
    ).fetchall()
    return [r[0] for r in rows]


def academic_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Start years of every academic year with sessions or survey waves, oldest first."""
    rows = con.execute(
        """SELECT DISTINCT y FROM (SELECT ay_start(session_date) AS y FROM sessions
                                   UNION ALL SELECT academic_year FROM survey_waves) ORDER BY y"""
    ).fetchall()
    return [r[0] for r in rows]


_GROUP_NAMES = ("SELECT g.group_id, g.name || ' (' || c.name || ')' FROM groups g JOIN cohorts c USING (cohort_id)"
                " WHERE list_contains(?, g.group_id)")


def labeller(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> Callable[[str, object], str]:
    """A label(field, value) function naming the ids a filter holds, for CohortFilter.describe."""
    names: dict[tuple[str, object], str] = {}
    for field in ("institutions", "programs", "cohorts"):
        ids = [int(v) for v in getattr(filt, field)]
        if ids:
            names.update({(field, i): n for i, n in labels(con, field[:-1], ids).items()})
    if filt.groups:
        names.update({("groups", i): n for i, n in con.execute(_GROUP_NAMES, [[int(g) for g in filt.groups]])
                      .fetchall()})
    return lambda field, value: names.get((field, value), str(value))


def data_status(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Metadata plus what the data covers: is_demo, data_version, last_written, first and last session."""
    meta = read_meta(con)
    first, last = con.execute("SELECT min(session_date), max(session_date) FROM sessions").fetchall()[0]
    as_of = meta.get("data_as_of")
    return {
        "is_demo": meta.get("is_demo") == "true",
        "data_version": int(meta.get("data_version", "0")),
        "schema_version": int(meta.get("schema_version", "0")),
        "last_written": meta.get("last_written", ""),
        "first_session": first,
        "last_session": last,
        "data_as_of": date.fromisoformat(as_of) if as_of else last or _latest_survey(con),
        "min_cell_size": int(meta.get("min_cell_size", "0")),   # the N the published cells were decided with
        "min_comment_n": int(meta.get("min_comment_n", "0")),
    }


def _latest_survey(con: duckdb.DuckDBPyConnection) -> str:
    """'the 2024-25 survey' for an office with surveys and no sessions; 'no data yet' with neither."""
    year = con.execute("SELECT max(academic_year) FROM survey_waves").fetchall()[0][0]
    return f"the {ay_label(int(year))} survey" if year is not None else "no data yet"


def sessions_of_group(con: duckdb.DuckDBPyConnection, group_id: int) -> pd.DataFrame:
    """session_id, session_number, topic, session_date of one group, oldest first."""
    return con.execute("SELECT session_id, session_number, topic, session_date FROM sessions WHERE group_id = ? "
                       "ORDER BY session_date", [int(group_id)]).df()


def import_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every import, newest first."""
    return con.execute("SELECT import_id, imported_at, imported_by, kind, file_name, target, rows_added,"
                       " rows_replaced, rows_rejected, warnings, status FROM imports ORDER BY import_id DESC").df()
