"""Choosing a survey measure and drawing it: the picker every survey page shares, and its charts."""
from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from peers_dash.charts import build_distribution, build_rate_bars
from peers_dash.charts.headings import columns
from peers_dash.model.dimensions import OWN_TO_INSTITUTION
from peers_dash.model.filters import CohortFilter
from peers_dash.privacy.escape import markdown as md
from peers_dash.queries import COMBINED
from peers_dash.queries.measures import Measure
from peers_dash.ui import read
from peers_dash.ui.shell import Page
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, CONSORTIUM_PERCENT, show_chart, with_consortium, with_references

SHOW = ("Share", "Mean")


def choose_measure(label: str = "Measure", key: str = "measure", default: str = "item:peers_space",
                   wave_kind: str = "annual", help: str | None = None) -> Measure | None:
    """A picker of every measure with published results (catalogue items, instrument scores, the office's own
    questions), kept in the URL; None when there is none."""
    found: list[Measure] = read.measures(wave_kind, CohortFilter())  # narrowed to a person's institutions
    if not found:
        return None
    options: dict[str, Measure] = {}
    for m in found:
        name = m.option if m.option not in options else f"{m.option} [{m.id}]"
        options[name] = m
    names = list(options)
    first = next((i for i, n in enumerate(names) if options[n].key == default), 0)
    chosen = st.selectbox(label, names, index=first, key=key, bind="query-params",
                          help=help or "Every question and score your surveys published: the PEERS items, the "
                                       "instruments' scores (PHQ-9, PSS-4, ...) and your own questions.")
    return options.get(chosen) or options[names[first]]


def describe(m: Measure) -> str:
    """One line under the picker: the question or instrument, its scale, which way is better, what the share
    counts, and the instrument's source."""
    what = f"“{md(m.text)}”" if m.kind == "item" else md(m.text)
    parts = [what, f"answers {m.scale_text}" if m.kind == "item" and m.scale_text else
             (f"score {m.scale_text}, complete answers only" if m.scale_text else "")]
    if m.higher_is_better is not None:
        parts.append("higher is better" if m.higher_is_better else "lower is better")
    if m.share_op:
        parts.append(f"share: {md(m.share_label)}")
    if m.source:
        parts.append(f"source: {md(m.source)}")
    return " · ".join(p for p in parts if p)


def choose_show(m: Measure, key: str = "show") -> str:
    """'share' or 'mean': a measure with a share can show either."""
    if not m.share_op:
        return "mean"
    picked = st.segmented_control("Show", SHOW, default="Share", key=key, bind="query-params",
                                  help=f"Share: the share of respondents who answered {m.share_label}. "
                                       "Mean: the average answer or score.")
    return "mean" if picked == "Mean" else "share"


SHARE_COLUMNS = ["share", "share_lo", "share_hi"]  # shown as percentages


def columns_of(m: Measure, label_col: str, label: str) -> dict[str, str]:
    """Table and CSV columns of a summary."""
    shares = ("share", "share_lo", "share_hi") if m.share_op else ()
    return {label_col: label, **columns("n_responses", *shares, "mean", "mean_lo", "mean_hi", "sd",
                                        share=f"Share {m.share_label}", mean=m.mean_label)}


def measure_bars(page: Page, m: Measure, show: str, by: str, label_col: str, label: str, title: str, key: str,
                 on_select: Callable[[], None] | None = None) -> None:
    """A measure by one breakdown: the share (or mean) per bar with its 95% interval, table and CSV."""
    df = read.measure_summary(page.filt, m, [by])  # the Measure itself: no lookup by key
    if by == "attendance_band" and len(df) and (df[by] == COMBINED).all():
        st.info(f"**{md(m.label)} {title}**: the sessions respondents attended are not known for this view (they "
                "are found at import only for respondents on the roster).", icon=":material/info:")
        return
    cols, percent = columns_of(m, label_col, label), SHARE_COLUMNS
    figure = "measure_share" if show == "share" else "measure_mean"
    df, beside = with_consortium(page, df, figure, by, label_col, m)
    if beside is not None:  # the consortium's figure is a share or a mean, as the chart shows
        cols |= CONSORTIUM_COLUMNS
        percent = SHARE_COLUMNS + (CONSORTIUM_PERCENT if show == "share" else [])
    if show == "share":
        fig = build_rate_bars(df, label_col, title=f"{m.label}: {title}", rate="share", n="n_responses",
                              n_label="responses", higher_is_better=m.share_good, beside=beside,
                              by_value=by in OWN_TO_INSTITUTION, subtitle=f"% {m.share_short}") if len(df) else None
    else:
        lo, hi = (m.lo or 0.0), (m.hi if m.hi is not None else float(df["mean_hi"].max() if len(df) else 1))
        fig = build_rate_bars(df, label_col, title=f"{m.label}: {title}", rate="mean", n="n_responses",
                              n_label="responses", higher_is_better=m.higher_is_better,
                              subtitle=f"mean, {m.scale_text}", x_format=".1f", x_range=(lo, hi),
                              beside=beside, by_value=by in OWN_TO_INSTITUTION) if len(df) else None
    fig = with_references(page, fig, m.key, show, fmt=".0%" if show == "share" else ".1f")
    show_chart(page, fig, df, name=f"{m.label} {title}", key=key, columns=cols, percent=percent, on_select=on_select)


def measure_distribution(page: Page, m: Measure, key: str) -> None:
    """How the answers (or scores) in view are spread."""
    df: pd.DataFrame = read.measure_distribution(page.filt, m)
    fig = build_distribution(df, title=f"{m.label}: answers in view" if m.kind == "item" else
                             f"{m.label}: scores in view", subtitle=m.scale_text) if len(df) else None
    show_chart(page, fig, df, name=f"{m.label} distribution", key=key,
               columns=columns("answer", "n_answers", "share", answer="Answer" if m.kind == "item" else "Score"))
