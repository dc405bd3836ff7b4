"""Shared Streamlit pieces: headline metrics, a chart with its table and CSV download, comments, the note
on what protection leaves out."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from peers_dash.charts import export, report
from peers_dash.charts import summary_of
from peers_dash.charts.glossary import help_for
from peers_dash.charts.grids import build_count_bars
from peers_dash.charts.headings import HEADINGS, percent_of
from peers_dash.charts.marks import mark_changes, mark_references
from peers_dash.model.dimensions import OWN_TO_INSTITUTION
from peers_dash.model.filters import year_label
from peers_dash.privacy import left_out_note, present
from peers_dash.privacy.escape import markdown as md
from peers_dash.queries import references, themes
from peers_dash.queries.overview import Metric
from peers_dash.ui import read
from peers_dash.ui.shell import Page


def show_metrics(page: Page, name: str, metrics: Sequence[Metric]) -> None:
    """One st.metric per figure, with its change since the previous year (and a table of them for the
    report)."""
    page.parts.append(report.Part(name, None, pd.DataFrame({
        "Figure": [m.label for m in metrics],
        "Value": [m.text(m.value) for m in metrics],
        "The year before": ["" if m.previous is None else m.text(m.previous) for m in metrics]})))
    cols = st.columns(3) + st.columns(3) if len(metrics) > 3 else st.columns(len(metrics))
    for col, m in zip(cols, metrics):
        with col:
            if m.value is None:
                st.metric(m.label, "no data", border=True,
                          help=help_for(m.label, f"{m.note}: not counted for a session-format filter." if m.note
                                        else "Nothing published in this view."))
                continue
            value = m.text(m.value)
            delta, colour, extra = None, "off", ""
            if m.change is not None:
                if m.kind == "rate":
                    points = round(m.change * 100)
                    delta = f"{points:+d} points" if points else "no change"
                    colour = "normal" if m.changed else "off"
                    extra = (f"From {m.n:,} {m.n_label}. The year before: {m.previous:.0%}; the change is likely "
                             f"between {m.change_lo * 100:+.0f} and {m.change_hi * 100:+.0f} points, "
                             + ("so it is a change." if m.changed else "too uncertain to call a change (grey)."))
                else:
                    delta = f"{m.change:+,.0f}" if m.change else "no change"
            elif m.kind == "rate" and m.n:
                extra = f"From {m.n:,} {m.n_label}."
            elif m.note:
                extra = f"Not compared with the year before: {m.note}."
            st.metric(m.label, value, delta=delta, delta_color=colour, help=help_for(m.label, extra), border=True,
                      delta_arrow="off" if delta == "no change" else "auto")


CONSORTIUM_COLUMNS = {c: HEADINGS[c] for c in ("consortium", "middle_lo", "middle_hi", "n_institutions")}
CONSORTIUM_PERCENT = ["consortium", "middle_lo", "middle_hi"]


def with_consortium(page: Page, df: pd.DataFrame, figure: str, by: str, label_col: str,
                    *args) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """When the person asked for the consortium beside (sidebar), the view's frame with the consortium's figure
    beside each row, and the frame its chart draws: per bar for a breakdown every institution shares (class
    year, academic year, session, format...), one figure for the whole view for bars that belong to one
    institution (programs, institutions)."""
    if not page.beside or df.empty:
        return df, None
    if by == "year":  # a chart over the years reads every year (see Page.over_years)
        page = replace(page, filt=page.over_years)
    whole = by in OWN_TO_INSTITUTION
    kinds = read.program_kinds(page.filt)
    cons = read.consortium(figure, page.consortium(kinds), [] if whole else [by], *args,
                           exclude=tuple(page.filt.institutions))
    keep = ([] if whole else [label_col]) + list(CONSORTIUM_COLUMNS)
    if cons.empty:
        return df, pd.DataFrame(columns=keep)
    cons = cons[keep]
    if whole:
        return df.assign(**{c: cons[c].iloc[0] for c in CONSORTIUM_COLUMNS}), cons
    return df.merge(cons, on=label_col, how="left"), cons


def show_chart(page: Page, fig: go.Figure, df: pd.DataFrame, *, name: str, key: str,
               columns: dict[str, str], percent: Sequence[str] | None = None,
               on_select: Callable[[], None] | None = None,
               empty: str = "No published figure in this view: widen the filter.") -> None:
    """The chart, then 'see as a table' and a CSV of exactly the rows and columns shown, under the same
    headings (headings.HEADINGS), with the filter in words and the data's date. `percent`: the columns shown
    as shares (by default those headings.PERCENT names)."""
    percent = percent_of(tuple(columns)) if percent is None else percent
    if df.empty:
        st.info(f"**{md(name)}**: {empty}", icon=":material/info:")
        return
    filename = export.safe_filename(page.title, name, page.description, ext="")
    st.plotly_chart(
        fig, key=key, width="stretch",
        on_select=on_select if on_select else "ignore", selection_mode="points",
        # only the camera in the chart's toolbar: eight buttons a chart made most of a page's tab stops
        config={"displaylogo": False, "modeBarButtons": [["toImage"]],
                "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}},
    )
    said = summary_of(fig)
    if said:  # the chart in one sentence: its text alternative, and the five-second read
        st.caption(md(said))
    # the table for the report is made only if the report is asked for: every rerun would pay for it
    page.parts.append(report.Part(name, fig, lambda: present(df, columns, percent, for_screen=True), said))
    _table(page, df, columns, tuple(percent), key, filename)


@st.fragment
def _table(page: Page, df: pd.DataFrame, columns: dict[str, str], percent: tuple[str, ...], key: str,
           filename: str) -> None:
    """'See as a table' and the CSV, then the table on demand at the page's full width (every column shows):
    the toggle reruns only this fragment."""
    left, right = st.columns([2, 1])
    with left:
        shown = st.toggle("See as a table", key=f"{key}_table")
    with right:
        # Built only when clicked (a callable), so a rerun neither computes nor sends every CSV.
        st.download_button("CSV", data=lambda: export.to_csv_bytes(export.with_view(
                               present(df, columns, percent), page.description, page.status["data_as_of"])),
                           file_name=f"{filename}.csv", mime="text/csv", on_click="ignore", key=f"{key}_csv",
                           icon=":material/download:", width="stretch", help="Download this table as a CSV file.")
    if shown:
        st.dataframe(present(df, columns, percent, for_screen=True), hide_index=True, width="stretch")


def with_changes(page: Page, fig: go.Figure | None, df: pd.DataFrame) -> go.Figure | None:
    """Bars by academic year with the program changes in view marked between the years (see Trends)."""
    if fig is None or df.empty:
        return fig
    found = read.program_changes(page.over_years)
    if found.empty:
        return fig
    return mark_changes(fig, [(year_label(int(c.ay)), c.words) for c in found.itertuples()],
                        list(df["academic_year"]), axis="y", top_down=True)


def with_references(page: Page, fig: go.Figure | None, figure: str, show: str = "share", axis: str = "x",
                    fmt: str = ".0%") -> go.Figure | None:
    """The chart with the office's target and the benchmarks recorded for this figure (a key of
    references.ATTENDANCE_FIGURES or a survey measure's key) drawn as lines."""
    if fig is None:
        return fig
    return mark_references(fig, references.lines_for(read.reference_lines(page.filt), figure, show), axis,
                           fmt)


def narrow_to(filter_key: str, chart_key: str, field: str = "y") -> Callable[[], None]:
    """An on_select callback: clicking a bar narrows the filter `filter_key` to that bar's label."""

    def callback() -> None:
        event = st.session_state.get(chart_key) or {}
        points = (event.get("selection") or {}).get("points") or []
        labels = [str(p.get(field)) for p in points if p.get(field) is not None]
        if labels:
            st.session_state[filter_key] = labels[:1]

    return callback


def show_left_out(page: Page, kind: str) -> None:
    """A line under the page's first figures on how much protection leaves out of the programs and years in
    view."""
    n = read.left_out(page.filt, kind)
    st.caption(f":material/shield: {left_out_note(n, page.min_n, kind)} See Methods.")


COMMENTS_SHOWN = 1_000  # a consortium's latest survey has tens of thousands of comments: the CSV has every one


def show_comments(page: Page, comments: pd.DataFrame) -> None:
    """The comments' themes (peers_dash.queries.themes) with how many wrote about each, then the comments themselves as
    plain text (never Markdown or HTML), narrowed by a theme and a search: one row per distinct comment of a
    program's wave with how many wrote it, the most written first; at most COMMENTS_SHOWN on the page, every
    one in the CSV."""
    counts = themes.tally(comments)  # the comments come with their themes (themes.themed, cached)
    fig = build_count_bars(counts, "theme", "n_people", title="What the comments are about",
                           subtitle="People whose comment uses a theme's words (one comment can have several "
                                    "themes). Found on this server; the words are listed in Methods.",
                           unit="people")
    show_chart(page, fig, counts, name="Comment themes", key="comment_themes",
               columns={"theme": "Theme", "n_comments": "Distinct comments", "n_people": "Written by"})
    _comment_list(page, comments, tuple(counts["theme"]))


@st.fragment
def _comment_list(page: Page, comments: pd.DataFrame, theme_names: tuple[str, ...]) -> None:
    """The comments of a theme and a search (the choice reruns only this part of the page)."""
    left, right = st.columns([3, 2])
    with left:
        theme = st.pills("Theme", theme_names, key="comment_theme", help="Show the comments of one theme.")
    with right:
        search = st.text_input("Search the comments", key="comment_search", placeholder="a word, e.g. schedule")
    comments = themes.narrow(comments, theme, search or "")
    frame = comments.assign(themes=comments["themes"].map(", ".join)).rename(columns={
        "program": "Program", "academic_year": "Academic year", "comment": "Comment", "n": "Written by",
        "themes": "Themes"})[["Program", "Academic year", "Comment", "Written by", "Themes"]]
    frame = frame.sort_values("Written by", ascending=False, kind="stable").reset_index(drop=True)
    if frame.empty:
        st.info("No comment of this theme contains these words.", icon=":material/search_off:")
        return
    shown = frame.head(COMMENTS_SHOWN)
    st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 420))
    if len(frame) > len(shown):
        st.caption(f"The {len(shown):,} most written of {len(frame):,} distinct comments are shown; the CSV has "
                   "every one.")
    st.download_button("CSV", data=lambda: export.to_csv_bytes(frame), mime="text/csv",
                       on_click="ignore", file_name=export.safe_filename(page.title, "comments", page.description),
                       key="comments_csv", icon=":material/download:")
