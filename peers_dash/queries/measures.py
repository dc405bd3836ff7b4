"""Survey measures: every question an office publishes one by one and every instrument score, browsable alike.

A measure is a question (`item:<item_id>`, from pub_answers) or the score of a scored instrument
(`score:<instrument_id>`, from pub_scores). It says which way is better and, where it has one, which share of
respondents it counts: the favourable answers of a question with a favourable band (for a question where lower
is better, the answers outside it: "weekly or more"), "yes" for a yes/no question, or the side of a published
cut-off for a score (PHQ-9 10 or more). Every figure is a sum of published cells, as in peers_dash.queries.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import duckdb
import numpy as np
import pandas as pd

from peers_dash import queries
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import stats
from peers_dash.sql import load

_SOURCES = {"item": ("pub_answers", "item_id", "value"), "score": ("pub_scores", "instrument_id", "score")}
_OPS = (">=", ">", "<=", "<")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True)
class Measure:
    """What a chart needs to know about a measure."""

    key: str
    kind: str                        # item or score
    id: str
    label: str                       # "Supported by peers", "PHQ-9 score"
    text: str                        # the question, or the instrument's name
    family: str                      # the instrument's short name ("PHQ-9"), or "Custom" for an office's own
    response_type: str               # scale, yes_no, score
    lo: float | None
    hi: float | None
    higher_is_better: bool | None
    share_op: str | None = None      # 'between', '>=', '>', '<=', '<' or None (no share)
    share_a: float | None = None
    share_b: float | None = None
    share_label: str = ""            # "agree or strongly agree", "10 or more: moderate depression or worse"
    share_good: bool | None = None   # a higher share is better (True), worse (False)
    labels: tuple[str, ...] = ()     # answer wordings, lowest first
    source: str = ""
    own: bool = False

    @property
    def option(self) -> str:
        """How the measure reads in a picker: 'PHQ-9 score (0-27)', 'Supported by peers (PEERS)'."""
        scale = f"{_fmt(self.lo)}-{_fmt(self.hi)}" if self.lo is not None and self.hi is not None else ""
        if self.kind == "score":
            return f"{self.label} ({scale})" if scale else self.label
        return f"{self.label} ({'your question' if self.own else self.family})"

    @property
    def scale_text(self) -> str:
        return f"{_fmt(self.lo)} to {_fmt(self.hi)}" if self.lo is not None and self.hi is not None else ""

    @property
    def share_short(self) -> str:
        """The share's rule without its meaning: '10 or more' of '10 or more: moderate depression or worse'."""
        return self.share_label.split(":")[0]

    @property
    def mean_label(self) -> str:
        return f"Mean {'score' if self.kind == 'score' else 'answer'} ({self.scale_text})" if self.scale_text \
            else "Mean"


def _share(row: pd.Series) -> dict:
    """Which respondents a measure's share counts, and whether more of them is better."""
    hib = None if pd.isna(row["higher_is_better"]) else bool(row["higher_is_better"])
    labels = tuple(row["labels"]) if isinstance(row["labels"], (list, tuple, np.ndarray)) else ()
    lo = row["lo"]
    if row["kind"] == "score":
        if row["cutoff_op"] in _OPS and pd.notna(row["cutoff"]):
            return dict(share_op=row["cutoff_op"], share_a=float(row["cutoff"]), share_label=row["cutoff_label"]
                        or f"{row['cutoff_op']} {_fmt(row['cutoff'])}", share_good=False)
        return {}
    if row["response_type"] == "yes_no":
        return dict(share_op="between", share_a=1.0, share_b=1.0, share_label="yes", share_good=hib)
    if pd.isna(row["fav_min"]):
        return {}
    a, b = float(row["fav_min"]), float(row["fav_max"])

    def word(v: float) -> str:
        i = int(v - lo) if pd.notna(lo) else -1
        return labels[i] if 0 <= i < len(labels) else _fmt(v)

    if hib is False and pd.notna(row["hi"]) and b < row["hi"]:  # lower is better: count the answers above the band
        return dict(share_op=">", share_a=b, share_label=f"{word(b + 1).lower()} or more often" if labels else
                    f"above {_fmt(b)}", share_good=False)
    text = (f"{word(a).lower()} or {word(b).lower()}" if b - a == 1 else f"{word(a).lower()} to {word(b).lower()}") \
        if labels else f"{_fmt(a)} to {_fmt(b)}"
    return dict(share_op="between", share_a=a, share_b=b, share_label=text, share_good=True)


def measures(con: duckdb.DuckDBPyConnection, wave_kind: str = "annual", key: str | None = None) -> list[Measure]:
    """Every measure with published results in waves of this kind (or only the one with this key): the PEERS
    items first, then the instruments by name, then the office's own questions."""
    df = con.execute(load("queries/measures"), {"wave_kind": wave_kind, "key": key}).df()
    out = []
    for _, row in df.iterrows():
        out.append(Measure(
            key=row["key"], kind=row["kind"], id=row["id"], label=row["label"], text=row["text"],
            family="Custom" if row["own"] else row["family"], response_type=row["response_type"],
            lo=None if pd.isna(row["lo"]) else float(row["lo"]), hi=None if pd.isna(row["hi"]) else float(row["hi"]),
            higher_is_better=None if pd.isna(row["higher_is_better"]) else bool(row["higher_is_better"]),
            labels=tuple(row["labels"]) if isinstance(row["labels"], (list, tuple, np.ndarray)) else (),
            source=row["source"] if isinstance(row["source"], str) else "", own=bool(row["own"]), **_share(row)))
    return out


def in_view(con: duckdb.DuckDBPyConnection, wave_kind: str, filt: CohortFilter) -> list[Measure]:
    """The measures with published results in the filter's institutions (every measure when it names none):
    a person limited to their school is never offered another school's own questions."""
    found = measures(con, wave_kind)
    if not filt.institutions:
        return found
    keep = {r[0] for r in con.execute(load("queries/measures_in_view"),
                                      {"wave_kind": wave_kind, "institutions": list(filt.institutions)}).fetchall()}
    return [m for m in found if m.key in keep]


def measure_of(con: duckdb.DuckDBPyConnection, key: str | Measure, wave_kind: str = "annual") -> Measure | None:
    """The measure with this key (a Measure the page already holds is taken as it is: no lookup)."""
    if isinstance(key, Measure):
        return key
    found = measures(con, wave_kind, key)
    return found[0] if found else None


def _run(con: duckdb.DuckDBPyConnection, name: str, filt: CohortFilter, m: Measure, by: Sequence[str],
         wave_kind: str) -> pd.DataFrame:
    queries._check_dims(by, "survey")
    table, id_col, value_col = _SOURCES[m.kind]
    source = queries.source(filt, table)
    where, bound = filt.where("survey")
    sql = load(name).format(dims=queries.dims_sql(by), where=where, source=source,
                            id=id_col, value=value_col)
    params = {**bound, "wave_kind": wave_kind, "id": m.id, "op": m.share_op, "a": m.share_a, "b": m.share_b}
    if name != "queries/measure_summary":
        params = {k: v for k, v in params.items() if k not in ("op", "a", "b")}
    return con.execute(sql, params).df()


def summary(con: duckdb.DuckDBPyConnection, filt: CohortFilter, key: str | Measure, by: Sequence[str],
            wave_kind: str = "annual") -> pd.DataFrame:
    """Per cell: respondents, the measure's share (with its 95% Wilson interval) where it has one, and the mean
    (with its 95% t interval)."""
    m = measure_of(con, key, wave_kind)
    if m is None:
        return pd.DataFrame()
    df = _run(con, "queries/measure_summary", filt, m, by, wave_kind)
    if m.share_op is None:
        df["n_share"] = np.nan
    df = queries._with_rate(df, "n_share", "n_responses", "share")
    half = stats.mean_halfwidth(df["n_responses"], df["sd"])
    df["mean_lo"], df["mean_hi"] = df["mean"] - half, df["mean"] + half
    return queries._finish(con, df, by)


def distribution(con: duckdb.DuckDBPyConnection, filt: CohortFilter, key: str | Measure, by: Sequence[str] = (),
                 wave_kind: str = "annual") -> pd.DataFrame:
    """Per cell and answer (or score): respondents and their share of the cell, with the answer's wording."""
    m = measure_of(con, key, wave_kind)
    if m is None:
        return pd.DataFrame()
    df = _run(con, "queries/measure_distribution", filt, m, by, wave_kind)
    keys = [queries.DIMS[d] for d in by]
    df["n_responses"] = df.groupby(keys)["n_answers"].transform("sum") if keys else df["n_answers"].sum()
    df["share"] = df["n_answers"] / df["n_responses"]
    df["answer"] = [m.labels[int(v - m.lo)] if m.labels and m.lo is not None and float(v).is_integer()
                    and 0 <= int(v - m.lo) < len(m.labels) else _fmt(v) for v in df["value"]]
    return queries._finish(con, df, by)


def trend(con: duckdb.DuckDBPyConnection, filt: CohortFilter, key: str | Measure, by: Sequence[str],
          show: str = "share",
          wave_kind: str = "annual") -> pd.DataFrame:
    """The summary per academic year (and `by`), with the change from the year before of the share (Newcombe) or
    of the mean (Welch) and whether its 95% interval excludes zero."""
    df = summary(con, filt, key, [*by, "year"], wave_kind)
    if df.empty:
        return df
    if show == "share":
        return queries._add_change(df, by, "n_share", "n_responses", kind="proportion")
    return queries._add_change(df, by, "mean", "sd", kind="mean")
