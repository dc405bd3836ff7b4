"""What the filters can choose from, names for ids, and the database's own facts (data as of, version)."""
from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

import duckdb
import pandas as pd

from peers_dash.model.dimensions import dimension
from peers_dash.model.filters import CohortFilter, ay_label
from peers_dash.sql import load
from peers_dash.store.db import read_meta

# The filter fields an options file may name as parameters ($institutions, ...): what a list depends on.
_OPTION_FIELDS = ("institutions", "program_kinds", "programs", "cohorts")


def labels(con: duckdb.DuckDBPyConnection, dim: str, ids: Sequence[int] = ()) -> dict[int, str]:
    """id -> label of one dimension (all its ids when none are given): the one place a program or cohort is
    named, so that the sidebar, the describing words, chart categories, clicks and CSVs agree, and a name that
    repeats across institutions says which."""
    return dict(con.execute(load(f"queries/labels/{dim}"), {"ids": [int(i) for i in ids]}).fetchall())


def options(con: duckdb.DuckDBPyConnection, key: str, filt: CohortFilter) -> pd.DataFrame:
    """What the sidebar offers for one dimension (dimensions.FILTERS), narrowed by what `filt` holds of the
    dimensions above it: value and label, in the order shown. Codes get their words from the dimension table,
    ids their labels (sql/queries/labels), academic years their '2020-21'."""
    dim = dimension(key)
    if dim.listed:
        return pd.DataFrame({"value": [v for v, _ in dim.names], "label": [w for _, w in dim.names]})
    df = con.execute(load(f"queries/options/{key}"), _option_params(key, filt)).df()
    if "label" not in df.columns:
        values = df["value"].tolist()
        if dim.values == "id":
            words = labels(con, key, values)
        else:
            words = {v: ay_label(int(v)) if dim.values == "range" else dim.name_of(v) for v in values}
        df["label"] = df["value"].map(words)
    return df[["value", "label"]]


def program_kinds(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> tuple[str, ...]:
    """The program kinds a view covers: those chosen, else those of its chosen programs or cohorts (empty:
    not narrowed to a kind)."""
    if filt.program_kinds:
        return tuple(filt.program_kinds)
    rows = con.execute(load("queries/program_kinds_of"), {"programs": [int(i) for i in filt.programs],
                                                          "cohorts": [int(i) for i in filt.cohorts]}).fetchall()
    return tuple(r[0] for r in rows)


def option_filter(key: str, filt: CohortFilter) -> CohortFilter:
    """Only what a dimension's options depend on (the fields its sql/queries/options file names; nothing for a
    listed dimension): so choosing a class year does not look the academic years up again, and the cache keeps
    one answer per real question."""
    if dimension(key).listed:
        return CohortFilter()
    text = load(f"queries/options/{key}")
    return CohortFilter(**{f: getattr(filt, f) for f in _OPTION_FIELDS if f"${f}" in text})


def option_count(con: duckdb.DuckDBPyConnection, key: str, filt: CohortFilter) -> int:
    """How many values `options` would offer: the list's values only, neither labelled nor framed."""
    return len(con.execute(load(f"queries/options/{key}"), _option_params(key, filt)).fetchall())


def _option_params(key: str, filt: CohortFilter) -> dict[str, list]:
    """The bound parameters of sql/queries/options/<key>.sql: the filter fields it names."""
    text = load(f"queries/options/{key}")
    return {f: [v if isinstance(v, str) else int(v) for v in getattr(filt, f)] for f in _OPTION_FIELDS
            if f"${f}" in text}


def institution_ids(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> dict[str, int]:
    """name -> id of the institutions named (case and spacing as written in the login settings are forgiven);
    a name the database does not have is left out."""
    rows = con.execute("SELECT name, institution_id FROM institutions").fetchall()
    by_name = {" ".join(str(n).split()).casefold(): i for n, i in rows}
    found = {n: by_name.get(" ".join(str(n).split()).casefold()) for n in names}
    return {n: int(i) for n, i in found.items() if i is not None}


def institutions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """institution_id, name, ordered by name."""
    return con.execute("SELECT institution_id, name FROM institutions ORDER BY name").df()


def programs(con: duckdb.DuckDBPyConnection, institution_ids: Sequence[int] = ()) -> pd.DataFrame:
    """program_id, name, kind, institution_id, label of the given institutions' programs (all when none)."""
    df = con.execute(load("queries/program_list"), {"ids": [int(i) for i in institution_ids]}).df()
    df["label"] = df["program_id"].map(labels(con, "program", df["program_id"].tolist()))
    return df


def cohorts(con: duckdb.DuckDBPyConnection, program_ids: Sequence[int] = (),
            institution_ids: Sequence[int] = ()) -> pd.DataFrame:
    """cohort_id, name, program_id, grad_year, label of the given programs / institutions' cohorts, newest
    first."""
    df = con.execute(load("queries/cohort_list"), {"programs": [int(i) for i in program_ids],
                                                   "institutions": [int(i) for i in institution_ids]}).df()
    df["label"] = df["cohort_id"].map(labels(con, "cohort", df["cohort_id"].tolist()))
    return df


def academic_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Start years of every academic year with sessions or survey waves, oldest first."""
    rows = con.execute(load("queries/academic_years")).fetchall()
    return [r[0] for r in rows]


def describe(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> str:
    """The filter in words, with names for its ids ('MD; MS2; 2025-26')."""
    return filt.describe(labeller(con, filt))


def items(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The question catalogue: every item with its instrument, short label, text, scale and direction."""
    return con.execute(
        "SELECT item_id, instrument_id, short_label, item_text, construct, scale_min, scale_max, scale_labels,"
        " higher_is_better FROM items ORDER BY instrument_id, position").df()


def labeller(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> Callable[[str, object], str]:
    """A label(field, value) function naming the ids a filter holds, for CohortFilter.describe."""
    names: dict[tuple[str, object], str] = {}
    for field in ("institutions", "programs", "cohorts", "groups"):
        ids = [int(v) for v in getattr(filt, field)]
        if ids:
            names.update({(field, i): n for i, n in labels(con, field[:-1], ids).items()})
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
