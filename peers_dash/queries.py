"""One function per question the dashboard asks. Aggregation happens in DuckDB; every frame returned is
small, tidy, carries its n in distinct people, and is already suppressed (see privacy.py).

Every function takes an open connection (a cursor with the PEERS database in use), a CohortFilter and the
minimum cell size. SQL lives in sql/*.sql; only code constants (column names) are spliced into it, and
every value is a bound parameter.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

import duckdb
import numpy as np
import pandas as pd

from peers_dash import stats
from peers_dash.filters import MODALITY_LABELS, CohortFilter, Kind, ay_label
from peers_dash.privacy import SHOWN, STATUS, suppress

SQL_DIR = Path(__file__).parent / "sql"

# Breakdown dimension -> column of the fact views. Only these names ever reach SQL text.
DIMS: dict[str, str] = {
    "institution": "institution_id",
    "program": "program_id",
    "program_kind": "program_kind",
    "cohort": "cohort_id",
    "group": "group_id",
    "class_year": "class_year",
    "year": "ay",
    "session_number": "session_number",
    "topic": "topic",
    "modality": "modality",
    "attendance_band": "attendance_band",
}
_SURVEY_DIMS = {"institution", "program", "program_kind", "cohort", "class_year", "year", "attendance_band",
                "session_number", "topic"}
_NAMES = {  # id column -> (name column added to results, the query for the names)
    "institution_id": ("institution", "SELECT institution_id, name FROM institutions WHERE list_contains(?, institution_id)"),
    "program_id": ("program", "SELECT program_id, name FROM programs WHERE list_contains(?, program_id)"),
    "cohort_id": ("cohort", "SELECT cohort_id, name FROM cohorts WHERE list_contains(?, cohort_id)"),
    "group_id": ("group", "SELECT group_id, name FROM groups WHERE list_contains(?, group_id)"),
}
LABEL_COLUMNS = ("ay", "session_number", "institution_id", "program_id", "cohort_id", "group_id")  # labels, not measures


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


# Where attendance numbers come from: one row per person, group and year when the breakdown and filters
# allow it (about ten times fewer rows), else every record (session number, topic and format need them).
ATTENDANCE_SOURCES = {
    "person_year": "person_year",
    "records": "(SELECT *, CAST(status = 'present' AS INTEGER) AS n_present, CAST(status = 'absent' AS INTEGER)"
               " AS n_absent, CAST(status = 'excused' AS INTEGER) AS n_excused, 1 AS n_rows FROM attendance_facts)",
}
PERSON_YEAR_DIMS = {"institution", "program", "program_kind", "cohort", "group", "class_year", "year"}


def attendance_source(filt: CohortFilter, by: Sequence[str] = ()) -> str:
    """The attendance table a query with this filter and breakdown reads (a code constant)."""
    rollup = set(by) <= PERSON_YEAR_DIMS and not filt.modalities
    return ATTENDANCE_SOURCES["person_year" if rollup else "records"]


def render_sql(name: str, by: Sequence[str], where: str, source: str = "") -> str:
    dims = "".join(f"{DIMS[d]}, " for d in by)
    return _template(name).format(dims=dims, where=where, source=source)


def _check_dims(by: Sequence[str], kind: Kind) -> None:
    allowed = _SURVEY_DIMS if kind == "survey" else set(DIMS) - {"attendance_band"}
    unknown = [d for d in by if d not in allowed]
    if unknown:
        raise ValueError(f"cannot break {kind} results down by {unknown}")


def _run(con: duckdb.DuckDBPyConnection, name: str, filt: CohortFilter, by: Sequence[str], kind: Kind,
         **params: object) -> pd.DataFrame:
    _check_dims(by, kind)
    where, bound = filt.where(kind)
    source = attendance_source(filt, by) if kind == "attendance" else ""
    return con.execute(render_sql(name, by, where, source), {**bound, **params}).df()


def class_year_key(label: object) -> tuple[int, int]:
    """Sort key: MS1..MS4, PGY1..PGY7, G1..G6, then anything else."""
    text = str(label)
    for rank, prefix in enumerate(("MS", "PGY", "G")):
        if text.startswith(prefix) and text[len(prefix):].isdigit():
            return rank, int(text[len(prefix):])
    return 9, 0


def _finish(con: duckdb.DuckDBPyConnection, df: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Add names beside ids and the academic-year label, and sort by the breakdown, in its order."""
    for id_col, (name_col, sql) in _NAMES.items():
        if id_col in df.columns:
            ids = [int(v) for v in df[id_col].dropna().unique()]
            names = dict(con.execute(sql, [ids]).fetchall())
            df.insert(df.columns.get_loc(id_col) + 1, name_col, df[id_col].map(names))
    if "modality" in df.columns:
        df["modality"] = df["modality"].map(lambda m: MODALITY_LABELS.get(m, m))
    if "session_number" in df.columns:
        df.insert(df.columns.get_loc("session_number") + 1, "session",
                  df["session_number"].map(lambda n: f"Session {int(n)}"))
    if "ay" in df.columns:
        df.insert(df.columns.get_loc("ay") + 1, "academic_year", df["ay"].map(lambda y: ay_label(int(y))))
    sort_col = {"institution": "institution", "program": "program", "cohort": "cohort", "group": "group",
                "topic": "topic_order"}
    if "topic" in by:  # curriculum order, not alphabetical
        order = dict(con.execute("SELECT topic, min(session_number) FROM sessions GROUP BY topic").fetchall())
        df["topic_order"] = df["topic"].map(order)
    keys = [sort_col.get(d, DIMS[d]) for d in by] + [c for c in ("item_id", "value") if c in df.columns]
    if keys:
        df = df.sort_values(keys, key=lambda s: s.map(class_year_key) if s.name == "class_year" else s,
                            kind="stable").reset_index(drop=True)
    return df.drop(columns="topic_order", errors="ignore")


def _margins(by: Sequence[str], within: Sequence[str] = ()) -> dict[str, list[str]]:
    """suppress() arguments: the breakdown's columns, whose every margin is protected, and the columns
    (such as separate questions) that never add up."""
    return {"dims": [DIMS[d] for d in by], "within": list(within)}


def _with_rate(df: pd.DataFrame, k: str, n: str, prefix: str) -> pd.DataFrame:
    df[prefix] = np.where(df[n] > 0, df[k] / df[n].where(df[n] > 0), np.nan)
    df[f"{prefix}_lo"], df[f"{prefix}_hi"] = stats.wilson_frame(df[k], df[n])
    return df


# ---- attendance ----------------------------------------------------------------------------------------

def attendance(con: duckdb.DuckDBPyConnection, filt: CohortFilter, by: Sequence[str], min_n: int) -> pd.DataFrame:
    """Attendance rate (present / (present + absent)) with its 95% interval and the excused share, per cell."""
    df = _run(con, "attendance_breakdown", filt, by, "attendance")
    df["n_counted"] = df["n_present"] + df["n_absent"]
    df = _with_rate(df, "n_present", "n_counted", "rate")
    total = df["n_counted"] + df["n_excused"]
    df["excused_share"] = df["n_excused"] / total.where(total > 0)
    df = suppress(df, n_col="n_people", min_n=min_n, **_margins(by), keep=LABEL_COLUMNS)
    return _finish(con, df, by)


def reach_dose(con: duckdb.DuckDBPyConnection, filt: CohortFilter, by: Sequence[str], min_n: int) -> pd.DataFrame:
    """Reach (share who attended at least once) and dose (sessions attended per person), per cell."""
    df = _run(con, "reach_dose", filt, by, "attendance")
    df = _with_rate(df, "n_reached", "n_people", "reach")
    df = suppress(df, n_col="n_people", min_n=min_n, **_margins(by), keep=LABEL_COLUMNS)
    return _finish(con, df, by)


# ---- survey --------------------------------------------------------------------------------------------

def survey_items(con: duckdb.DuckDBPyConnection, filt: CohortFilter, items: Sequence[str], by: Sequence[str],
                 min_n: int, wave_kind: str = "annual") -> pd.DataFrame:
    """Favourability (top-2-box) with its 95% Wilson interval, mean and sd per item and cell."""
    df = _run(con, "survey_items", filt, by, "survey", wave_kind=wave_kind, items=list(items))
    df = _with_rate(df, "n_favorable", "n_rated", "favorable")
    df = suppress(df, n_col="n_people", min_n=min_n, **_margins(by, ["item_id"]), keep=LABEL_COLUMNS)
    return _add_item_labels(con, _finish(con, df, by))


def survey_distribution(con: duckdb.DuckDBPyConnection, filt: CohortFilter, items: Sequence[str],
                        by: Sequence[str], min_n: int, wave_kind: str = "annual") -> pd.DataFrame:
    """Share of respondents giving each answer, per item and cell. A hidden cell keeps one row with its
    privacy status and no answer."""
    cells = survey_items(con, filt, items, by, min_n, wave_kind)
    df = _run(con, "survey_distribution", filt, by, "survey", wave_kind=wave_kind, items=list(items))
    keys = ["item_id"] + [DIMS[d] for d in by]
    shown = cells.loc[cells[STATUS] == SHOWN, keys + ["n_people"]]
    df = df.merge(shown, on=keys, how="inner")
    df["share"] = df["n_answers"] / df["n_people"]
    df[STATUS] = SHOWN
    hidden = cells.loc[cells[STATUS] != SHOWN, keys + [STATUS]]
    df = pd.concat([df, hidden], ignore_index=True) if len(hidden) else df
    return _add_item_labels(con, _finish(con, df, by))


def scale_scores(con: duckdb.DuckDBPyConnection, filt: CohortFilter, instrument: str, by: Sequence[str],
                 min_n: int, wave_kind: str = "annual") -> pd.DataFrame:
    """Mean total score of a scored instrument (complete responses only) with a 95% interval, per cell."""
    n_items = con.execute("SELECT count(*) FROM items WHERE instrument_id = ? AND response_type = 'scale'",
                          [instrument]).fetchall()[0][0]
    df = _run(con, "scale_scores", filt, by, "survey", wave_kind=wave_kind, instrument=instrument,
              n_items=n_items)
    half = [stats.t_quantile(0.975, n - 1) * sd / np.sqrt(n) if n > 1 and sd == sd else np.nan
            for n, sd in zip(df["n_people"], df["sd"])]
    df["mean_lo"], df["mean_hi"] = df["mean"] - half, df["mean"] + half
    df = suppress(df, n_col="n_people", min_n=min_n, **_margins(by), keep=LABEL_COLUMNS)
    return _finish(con, df, by)


def response_rates(con: duckdb.DuckDBPyConnection, filt: CohortFilter, by: Sequence[str], min_n: int,
                   wave_kind: str = "annual") -> pd.DataFrame:
    """Respondents / eligible per cell. Respondent counts are protected like scores: a cell shows only
    when both the eligible people and the respondents number at least the minimum."""
    df = _run(con, "response_rates", filt, by, "survey", wave_kind=wave_kind)
    df = _with_rate(df, "n_responded", "n_eligible", "response_rate")
    df["n_privacy"] = df[["n_eligible", "n_responded"]].min(axis=1)
    df = suppress(df, n_col="n_privacy", min_n=min_n, **_margins(by), keep=LABEL_COLUMNS)
    return _finish(con, df.drop(columns="n_privacy"), by)


def _add_item_labels(con: duckdb.DuckDBPyConnection, df: pd.DataFrame) -> pd.DataFrame:
    items = con.execute("SELECT item_id, short_label, item_text FROM items").df()
    return df.merge(items, on="item_id", how="left")


# ---- trends: change against the previous wave ------------------------------------------------------------

def item_trend(con: duckdb.DuckDBPyConnection, filt: CohortFilter, item_id: str, by: Sequence[str],
               min_n: int) -> pd.DataFrame:
    """Favourability per academic year (and `by`), with the change from the previous year and whether its
    95% Newcombe interval excludes zero."""
    df = survey_items(con, filt, [item_id], [*by, "year"], min_n)
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


def scale_trend(con: duckdb.DuckDBPyConnection, filt: CohortFilter, instrument: str, by: Sequence[str],
                min_n: int) -> pd.DataFrame:
    """Mean scale score per academic year (and `by`), with the Welch change from the previous year."""
    df = scale_scores(con, filt, instrument, [*by, "year"], min_n)
    return _add_change(df, by, "mean", "sd", kind="mean")


def _add_change(df: pd.DataFrame, by: Sequence[str], a: str, b: str, kind: str) -> pd.DataFrame:
    groups = [DIMS[d] for d in by]
    df = df.sort_values([*groups, "ay"], key=lambda s: s.map(class_year_key) if s.name == "class_year" else s,
                        kind="stable").reset_index(drop=True)
    change = np.full((len(df), 3), np.nan)
    previous = df.groupby(groups, sort=False)["ay"].shift(1) if groups else df["ay"].shift(1)
    for i in range(len(df)):
        j = i - 1
        if pd.isna(previous.iloc[i]) or int(previous.iloc[i]) != int(df["ay"].iloc[i]) - 1:
            continue
        r0, r1 = df.iloc[j], df.iloc[i]
        if r0[STATUS] != SHOWN or r1[STATUS] != SHOWN:
            continue
        if kind == "proportion":
            change[i] = stats.newcombe_diff(r0[a], r0[b], r1[a], r1[b])
        else:
            change[i] = stats.welch_diff(r0[a], r0[b], r0["n_people"], r1[a], r1[b], r1["n_people"])
    df["change"], df["change_lo"], df["change_hi"] = change[:, 0], change[:, 1], change[:, 2]
    df["changed"] = [stats.is_change(lo, hi) for lo, hi in zip(df["change_lo"], df["change_hi"])]
    return df


# ---- groups (attendance only) and completeness -------------------------------------------------------------

def group_continuity(con: duckdb.DuckDBPyConnection, filt: CohortFilter, min_n: int) -> pd.DataFrame:
    """Per group and academic year: the share of the group's starting members who attended at least once."""
    df = _run(con, "group_continuity", filt, (), "attendance")
    df = _with_rate(df, "n_attending", "n_people", "continuity")
    # Each group's starting members are the denominator of all its years: protect within each year.
    df = suppress(df, n_col="n_people", min_n=min_n, dims=["group_id"], within=["ay"],
                  keep=LABEL_COLUMNS + ("program_year",))
    return _finish(con, df, ["cohort", "group", "year"])


def fading_groups(continuity: pd.DataFrame, threshold: float = 0.5) -> pd.DataFrame:
    """Groups whose latest year in view has fewer than `threshold` of their starting members attending."""
    shown = continuity[continuity[STATUS] == SHOWN]
    if shown.empty:
        return shown.assign(first_rate=[])
    latest = shown.sort_values("ay").groupby("group_id", sort=False).tail(1)
    first = shown.sort_values("ay").groupby("group_id", sort=False).head(1).set_index("group_id")["continuity"]
    out = latest[(latest["continuity"] < threshold) & (latest["program_year"] > 1)].copy()
    out["first_rate"] = out["group_id"].map(first)
    return out.sort_values("continuity").reset_index(drop=True)


def completeness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What is missing: sessions with no attendance, waves with no responses or eligible population."""
    return con.execute(_template("completeness")).df()


def comments(con: duckdb.DuckDBPyConnection, filt: CohortFilter, min_comment_n: int) -> tuple[int, list[str]]:
    """(respondents in view, their free-text comments in random order); no comment when fewer than
    `min_comment_n` respondents are in view. Comments carry no date, wave or group."""
    where, params = filt.where("survey")
    n = con.execute(render_sql("respondents_in_view", (), where), params).fetchall()[0][0]
    if n < min_comment_n:
        return int(n), []
    rows = con.execute(render_sql("comments", (), where), params).fetchall()
    return int(n), [r[0] for r in rows]
