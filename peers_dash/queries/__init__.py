"""Questions and their answers: this module's figures (attendance, reach, survey), and beside it the
lookups, measures, the home page's headline, comparisons, the consortium, themes, program changes,
targets, extracts and interval maths (stats). Plain Python: no streamlit.

One function per question the dashboard asks, answered from the published cells only.

The writer decided which cells may be published (peers_dash.privacy.protect); every function here adds up published
cells in DuckDB and returns a small tidy frame, so any figure, and any difference of two figures, is a sum
of published cells. Nothing here suppresses: what is not published is not in the tables.

Every function takes an open connection (a cursor with the PEERS database in use) and a CohortFilter. SQL
lives in sql/queries/*.sql; only code constants (column and table names) are spliced into it, and every value is a
bound parameter.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import duckdb
import numpy as np
import pandas as pd

from peers_dash.model.dimensions import DIMENSIONS
from peers_dash.model.filters import CohortFilter, Kind, year_label
from peers_dash.queries import stats
from peers_dash.queries.lookups import labels
from peers_dash.sql import load

# Breakdown dimension -> column of the published tables (dimensions.DIMENSIONS). Only these names reach SQL text.
DIMS: dict[str, str] = {d.key: d.column for d in DIMENSIONS}
_SURVEY_DIMS = {d.key for d in DIMENSIONS if d.survey}
_ATTENDANCE_DIMS = {d.key for d in DIMENSIONS if d.attendance}
PERSON_DIMS = {d.key for d in DIMENSIONS if d.people}
_NAMES = {d.column: d.key for d in DIMENSIONS if d.values == "id"}  # id column -> its label column
_GROUP_NAMES = "SELECT group_id, name FROM groups WHERE list_contains(?, group_id)"
# What a combined cell reads as where a dimension was given up to keep a small group out of sight.
COMBINED = "Other (small groups combined)"
_COMBINABLE = {"cohort": "cohort", "class_year": "class_year", "session_number": "session", "topic": "topic",
               "attendance_band": "attendance_band"}


def _group_level(filt: CohortFilter, by: Sequence[str]) -> bool:
    """Group-level views (analysts only: the group filter and the Groups page) read single groups' cells."""
    return bool(filt.groups) or "group" in by


# Published table -> the consortium's table of the same cells added up across institutions
# (sql/protect/consortium_*.sql), read by a consortium filter (CohortFilter.across).
CONSORTIUM = {"pub_att_cells": "cons_att_cells", "pub_att_people": "cons_att_people", "pub_answers": "cons_answers",
              "pub_scores": "cons_scores", "pub_response_rates": "cons_response_rates"}


def source(filt: CohortFilter, table: str) -> str:
    """The table a view reads (a code constant): the published table, or for a consortium filter its
    consortium table (whose n_inst the filter's condition reads)."""
    if not filt.across:
        return table
    if table not in CONSORTIUM:
        raise ValueError(f"{table} has no consortium figure")
    return CONSORTIUM[table]


def attendance_source(filt: CohortFilter, by: Sequence[str] = ()) -> str:
    """The published attendance table a view reads (a code constant)."""
    return "pub_sessions" if _group_level(filt, by) else source(filt, "pub_att_cells")


def people_source(filt: CohortFilter, by: Sequence[str] = ()) -> str:
    """The published people table a view reads (a code constant)."""
    return "pub_group_years" if _group_level(filt, by) else source(filt, "pub_att_people")


def has_people(filt: CohortFilter, by: Sequence[str] = ()) -> bool:
    """People (reach, trainees) are counted per academic year across every session format: a view split by
    session, topic or format has none."""
    return not filt.modalities and set(by) <= PERSON_DIMS


def dims_sql(by: Sequence[str]) -> str:
    """The breakdown's columns for an SQL file's {dims}. A topic breakdown also carries its place in the
    curriculum (the lowest session number it is taught at), so sorting it needs no scan of every session."""
    return "".join(f"{DIMS[d]}, " for d in by) + ("min(session_number) AS topic_order, " if "topic" in by else "")


def render_sql(name: str, by: Sequence[str], where: str, source: str = "") -> str:
    return load(name).format(dims=dims_sql(by), where=where, source=source)


def _check_dims(by: Sequence[str], kind: Kind) -> None:
    allowed = _SURVEY_DIMS if kind == "survey" else _ATTENDANCE_DIMS
    unknown = [d for d in by if d not in allowed]
    if unknown:
        raise ValueError(f"cannot break {kind} results down by {unknown}")


def _sql(name: str, filt: CohortFilter, by: Sequence[str], kind: Kind, source: str = "") -> tuple[str, dict]:
    """A query file rendered for a breakdown and a filter, and the filter's bound parameters."""
    _check_dims(by, kind)
    where, bound = filt.where(kind)
    return render_sql(name, by, where, source), bound


def _run(con: duckdb.DuckDBPyConnection, name: str, filt: CohortFilter, by: Sequence[str], kind: Kind,
         source: str = "", **params: object) -> pd.DataFrame:
    sql, bound = _sql(name, filt, by, kind, source)
    return con.execute(sql, {**bound, **params}).df()


def class_year_key(label: object) -> tuple[int, int]:
    """Sort key: MS1..MS4, PGY1..PGY7, G1..G6, then anything else (combined cells last)."""
    text = str(label)
    for rank, prefix in enumerate(("MS", "PGY", "G")):
        if text.startswith(prefix) and text[len(prefix):].isdigit():
            return rank, int(text[len(prefix):])
    return (10, 0) if text == COMBINED else (9, 0)


def _finish(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Add names beside ids and the academic-year label, name combined cells, and sort by the breakdown."""
    present = set(df.columns)
    for id_col, name_col in _NAMES.items():
        if id_col in present:
            ids = [int(v) for v in df[id_col].dropna().unique()]
            names = (dict(con.execute(_GROUP_NAMES, [ids]).fetchall()) if name_col == "group"
                     else labels(con, name_col, ids))
            df.insert(df.columns.get_loc(id_col) + 1, name_col, df[id_col].map(names))
    for dim in DIMENSIONS:  # codes read as their words ('in person', 'Residency')
        if dim.values == "code" and dim.column in present:
            df[dim.column] = df[dim.column].map(dim.name_of)
    if "session_number" in present:
        df.insert(df.columns.get_loc("session_number") + 1, "session",
                  df["session_number"].map(lambda n: COMBINED if pd.isna(n) else f"Session {int(n)}"))
    if "ay" in present:
        df.insert(df.columns.get_loc("ay") + 1, "academic_year", df["ay"].map(lambda y: year_label(int(y))))
    for dim, col in _COMBINABLE.items():
        if dim in by and col in present and col != "session":
            df[col] = df[col].fillna(COMBINED)
    sort_col = {"institution": "institution", "program": "program", "cohort": "cohort", "group": "group",
                "topic": "topic_order"}
    if "topic" in by:  # curriculum order, not alphabetical (the query gives it: dims_sql)
        df["topic_order"] = df["topic_order"].fillna(99) if "topic_order" in df.columns else 99
    keys = [sort_col.get(d, DIMS[d]) for d in by] + [c for c in ("item_id", "value") if c in df.columns]
    if keys and len(df) > 1:
        df = df.sort_values(keys, key=_sort_key, kind="stable", na_position="last").reset_index(drop=True)
    return df.drop(columns="topic_order") if "topic_order" in df.columns else df


def _sort_key(s: pd.Series) -> pd.Series:
    if s.name == "class_year":
        return s.map({v: class_year_key(v) for v in s.unique()})  # each distinct label once: extracts are long
    if s.name in ("cohort", "program", "institution", "group"):
        return s.map({v: (v == COMBINED, str(v)) for v in s.unique()})
    return s


def _columns(fetched: dict[str, np.ndarray]) -> dict[str, object]:
    """Fetched columns typed as DuckDB's .df() types them: a column with no NULL keeps its type, whole numbers
    with NULLs are nullable integers (a combined cell's session is <NA>, not 3.0 beside 3), other NULLs are
    NaN or None."""
    def one(v: np.ndarray) -> object:
        if not np.ma.isMaskedArray(v):
            return v
        if not v.mask.any():
            return v.data
        if v.dtype.kind in "iu":
            return pd.arrays.IntegerArray(v.data, np.ma.getmaskarray(v))
        return np.ma.filled(v, np.nan) if v.dtype.kind == "f" else v
    return {k: one(v) for k, v in fetched.items()}


def _floats(values: np.ndarray) -> np.ndarray:
    """A fetched count column as floats, NaN where the database had NULL (fetchnumpy masks those)."""
    return np.ma.filled(np.ma.asarray(values).astype("float64"), np.nan)


def _numbers(df: pd.DataFrame, column: str) -> np.ndarray:
    """A count column as floats (NaN for missing), without pandas' per-call overhead."""
    return df[column].to_numpy(dtype="float64", na_value=np.nan)


def _share(k: np.ndarray, n: np.ndarray) -> np.ndarray:
    """k / n, NaN where n is 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, k / n, np.nan)


def _rate(k: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The share k / n and its 95% Wilson interval, as arrays."""
    return (_share(k, n), *stats.wilson_arrays(k, n))


def _with_rate(df: pd.DataFrame, k: str, n: str, prefix: str) -> pd.DataFrame:
    """The share k / n and its 95% interval as columns prefix, prefix_lo and prefix_hi."""
    df[prefix], df[f"{prefix}_lo"], df[f"{prefix}_hi"] = _rate(_numbers(df, k), _numbers(df, n))
    return df


# ---- attendance ----------------------------------------------------------------------------------------

def attendance(con: duckdb.DuckDBPyConnection, filt: CohortFilter, by: Sequence[str]) -> pd.DataFrame:
    """Attendance rate (present / (present + absent)) with its 95% interval and the excused share, per cell;
    with the people behind it where the breakdown counts people (not by session, topic or format): both from
    one statement, the cells and their people matched on the breakdown (sql/queries/attendance_people.sql)."""
    sql, bound = _sql("queries/attendance", filt, by, "attendance", attendance_source(filt, by))
    if has_people(filt, by):
        people, _ = _sql("queries/people", filt, by, "attendance", people_source(filt, by))
        on = " AND ".join(f"a.{DIMS[d]} IS NOT DISTINCT FROM p.{DIMS[d]}" for d in by) or "true"
        sql = load("queries/attendance_people").format(attendance=sql, people=people, on=on)
    cols = _columns(con.execute(sql, bound).fetchnumpy())  # arrays: the figures below make one frame, once
    present, absent, excused = (_floats(cols[c]) for c in ("n_present", "n_absent", "n_excused"))
    counted, expected = present + absent, present + absent + excused
    rate, lo, hi = _rate(present, counted)
    df = pd.DataFrame({**cols, "n_expected": expected, "n_counted": counted, "rate": rate, "rate_lo": lo,
                       "rate_hi": hi, "excused_share": _share(excused, expected)})
    return _finish(con, df, by)


def reach(con: duckdb.DuckDBPyConnection, filt: CohortFilter, by: Sequence[str]) -> pd.DataFrame:
    """Reach: the share of people expected at sessions who came to at least one, per cell and academic year
    (empty for a view split by session, topic or format: people are counted across them)."""
    if not has_people(filt, by):
        return pd.DataFrame()
    df = _run(con, "queries/people", filt, by, "attendance", source=people_source(filt, by))
    df = _with_rate(df, "n_reached", "n_people", "reach")
    return _finish(con, df, by)


# ---- survey --------------------------------------------------------------------------------------------

def survey_items(con: duckdb.DuckDBPyConnection, filt: CohortFilter, items: Sequence[str], by: Sequence[str],
                 wave_kind: str = "annual") -> pd.DataFrame:
    """Favourable share with its 95% Wilson interval, mean and sd per question and cell."""
    df = _run(con, "queries/survey_items", filt, by, "survey", source(filt, "pub_answers"), wave_kind=wave_kind,
              items=list(items))
    df = _with_rate(df, "n_favorable", "n_rated", "favorable")
    return _add_item_labels(con, _finish(con, df, by))


def survey_distribution(con: duckdb.DuckDBPyConnection, filt: CohortFilter, items: Sequence[str],
                        by: Sequence[str], wave_kind: str = "annual") -> pd.DataFrame:
    """Share of responses giving each answer, per question and cell."""
    df = _run(con, "queries/survey_distribution", filt, by, "survey", source(filt, "pub_answers"), wave_kind=wave_kind,
              items=list(items))
    keys = ["item_id"] + [DIMS[d] for d in by]
    df["n_responses"] = df.groupby(keys, dropna=False)["n_answers"].transform("sum")
    df["share"] = df["n_answers"] / df["n_responses"]
    return _add_item_labels(con, _finish(con, df, by))


def scale_scores(con: duckdb.DuckDBPyConnection, filt: CohortFilter, instrument: str, by: Sequence[str],
                 wave_kind: str = "annual") -> pd.DataFrame:
    """Mean total score of a scored instrument (complete answers only) with a 95% interval, per cell."""
    df = _run(con, "queries/scale_scores", filt, by, "survey", source(filt, "pub_scores"), wave_kind=wave_kind,
              instrument=instrument)
    half = stats.mean_halfwidth(df["n_responses"], df["sd"])
    df["mean_lo"], df["mean_hi"] = df["mean"] - half, df["mean"] + half
    return _finish(con, df, by)


def response_rates(con: duckdb.DuckDBPyConnection, filt: CohortFilter, by: Sequence[str],
                   wave_kind: str = "annual") -> pd.DataFrame:
    """Respondents / eligible per cell."""
    df = _run(con, "queries/response_rates", filt, by, "survey", source(filt, "pub_response_rates"),
              wave_kind=wave_kind)
    df = _with_rate(df, "n_responded", "n_eligible", "response_rate")
    return _finish(con, df, by)


def _add_item_labels(con: duckdb.DuckDBPyConnection, df: pd.DataFrame) -> pd.DataFrame:
    items = con.execute("SELECT item_id, short_label, item_text FROM items").df()
    return df.merge(items, on="item_id", how="left")


# ---- trends: change against the previous wave ------------------------------------------------------------

def item_trend(con: duckdb.DuckDBPyConnection, filt: CohortFilter, item_id: str, by: Sequence[str]) -> pd.DataFrame:
    """Favourable share per academic year (and `by`), with the change from the previous year and whether its
    95% Newcombe interval excludes zero."""
    df = survey_items(con, filt, [item_id], [*by, "year"])
    return _add_change(df, by, "n_favorable", "n_rated", kind="proportion")


def unfavourable(df: pd.DataFrame) -> pd.DataFrame:
    """The same trend as the share outside the favourable band (e.g. burnout weekly or more), so that a
    'lower is better' item reads the natural way round: shares, intervals and changes flip."""
    out = df.copy()
    out["favorable"] = 1 - df["favorable"]
    out["favorable_lo"], out["favorable_hi"] = 1 - df["favorable_hi"], 1 - df["favorable_lo"]
    out["n_favorable"] = df["n_rated"] - df["n_favorable"]
    if "change" in df:
        out["change"], out["change_lo"], out["change_hi"] = -df["change"], -df["change_hi"], -df["change_lo"]
    return out


def scale_trend(con: duckdb.DuckDBPyConnection, filt: CohortFilter, instrument: str, by: Sequence[str]) -> pd.DataFrame:
    """Mean scale score per academic year (and `by`), with the Welch change from the previous year."""
    df = scale_scores(con, filt, instrument, [*by, "year"])
    return _add_change(df, by, "mean", "sd", kind="mean")


def _add_change(df: pd.DataFrame, by: Sequence[str], a: str, b: str, kind: str) -> pd.DataFrame:
    groups = [{"program": "program", "institution": "institution", "cohort": "cohort"}.get(d, DIMS[d]) for d in by]
    df = df.sort_values([*groups, "ay"], key=_sort_key, kind="stable").reset_index(drop=True)
    change = np.full((len(df), 3), np.nan)
    previous = df.groupby(groups, sort=False, dropna=False)["ay"].shift(1) if groups else df["ay"].shift(1)
    for i in range(len(df)):
        if pd.isna(previous.iloc[i]) or int(previous.iloc[i]) != int(df["ay"].iloc[i]) - 1:
            continue
        r0, r1 = df.iloc[i - 1], df.iloc[i]
        if kind == "proportion":
            change[i] = stats.newcombe_diff(r0[a], r0[b], r1[a], r1[b])
        else:
            change[i] = stats.welch_diff(r0[a], r0[b], r0["n_responses"], r1[a], r1[b], r1["n_responses"])
    df["change"], df["change_lo"], df["change_hi"] = change[:, 0], change[:, 1], change[:, 2]
    df["changed"] = [stats.is_change(lo, hi) for lo, hi in zip(df["change_lo"], df["change_hi"])]
    return df


# ---- groups (attendance only), comments, completeness, what is left out --------------------------------------

def group_continuity(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> pd.DataFrame:
    """Per group and academic year: the share of the group's starting members who came at least once (people
    are counted across every session format: a format filter does not narrow it)."""
    df = _run(con, "queries/group_continuity", replace(filt, modalities=()), (), "attendance")
    df = _with_rate(df, "n_attending", "n_people", "continuity")
    return _finish(con, df, ["cohort", "group", "year"])


def fading_groups(continuity: pd.DataFrame, threshold: float = 0.5, running: int | None = None) -> pd.DataFrame:
    """Groups whose latest complete year in view has fewer than `threshold` of their starting members attending
    (the year under way, `running`, is not judged: ten weeks in, most members have not come yet)."""
    if running is not None:
        continuity = continuity[continuity["ay"] < running]
    if continuity.empty:
        return continuity.assign(first_rate=[])
    ordered = continuity.sort_values("ay")
    latest = ordered.groupby("group_id", sort=False).tail(1)
    first = ordered.groupby("group_id", sort=False).head(1).set_index("group_id")["continuity"]
    out = latest[(latest["continuity"] < threshold) & (latest["program_year"] > 1)].copy()
    out["first_rate"] = out["group_id"].map(first)
    return out.sort_values("continuity").reset_index(drop=True)


def completeness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What is missing: sessions with no attendance, waves with no responses or eligible population."""
    return con.execute(load("queries/completeness")).df()


def comments(con: duckdb.DuckDBPyConnection, filt: CohortFilter, latest_only: bool = True) -> pd.DataFrame:
    """The published comments of the annual survey in view (of its latest academic year with comments, unless
    latest_only is False): program, academic year, wave, comment, n (how many gave the same words). A comment
    cell is a program's whole wave: cohort and class-year filters do not narrow it. Comments carry no date,
    class year or group."""
    where, params = _program_years(filt).where("survey")
    df = con.execute(load("queries/comments").format(where=where), {**params, "latest_only": latest_only}).df()
    return _finish(con, df, [])


def left_out(con: duckdb.DuckDBPyConnection, filt: CohortFilter, kind: Kind) -> int:
    """People left out of the figures in the programs and years in view, rounded down to tens per program and
    year when the data was written (attendance: person-years; survey: annual respondents). Finer filters
    (cohort, class year, group, format) do not narrow it."""
    where, params = _program_years(filt).where(kind)
    return int(con.execute(load("queries/left_out").format(where=where), {**params, "kind": kind}).fetchall()[0][0])


def _program_years(filt: CohortFilter) -> CohortFilter:
    """The filter with only its institutions, program kinds, programs and academic years: the fixed cells of
    comments and of the note on what is left out."""
    return CohortFilter(institutions=filt.institutions, program_kinds=filt.program_kinds, programs=filt.programs,
                        year_from=filt.year_from, year_to=filt.year_to)
