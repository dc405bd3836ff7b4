"""Shared Streamlit pieces: headline metrics, a chart with its table and CSV download, comments, the note
on what protection leaves out."""
from __future__ import annotations

from typing import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from peers_dash import export
from peers_dash.dimensions import OWN_TO_INSTITUTION
from peers_dash.escape import markdown as md
from peers_dash.overview import Metric
from peers_dash.privacy import left_out_note, present
from peers_dash.ui import data
from peers_dash.ui.shell import Page


def show_metrics(metrics: Sequence[Metric]) -> None:
    """One st.metric per figure, with its change since the previous year."""
    cols = st.columns(3) + st.columns(3) if len(metrics) > 3 else st.columns(len(metrics))
    for col, m in zip(cols, metrics):
        with col:
            if m.value is None:
                st.metric(m.label, "no data", border=True,
                          help=f"{m.note}: not counted for a session-format filter." if m.note else
                          "Nothing published in this view.")
                continue
            value = f"{m.value:.0%}" if m.kind == "rate" else f"{m.value:,.0f}"
            delta, colour, help_text = None, "off", None
            if m.change is not None:
                if m.kind == "rate":
                    points = round(m.change * 100)
                    delta = f"{points:+d} points" if points else "no change"
                    colour = "normal" if m.changed else "off"
                    help_text = (f"n = {m.n:,} {m.n_label}. Change from {m.previous:.0%}: 95% interval "
                                 f"{m.change_lo * 100:+.0f} to {m.change_hi * 100:+.0f} points; "
                                 + ("a change." if m.changed else "too uncertain to call a change (grey)."))
                else:
                    delta = f"{m.change:+,.0f}" if m.change else "no change"
            elif m.kind == "rate" and m.n:
                help_text = f"n = {m.n:,} {m.n_label}."
            elif m.note:
                help_text = f"Compared with the year before: {m.note}, so that nobody is singled out."
            st.metric(m.label, value, delta=delta, delta_color=colour, help=help_text, border=True,
                      delta_arrow="off" if delta == "no change" else "auto")


CONSORTIUM_COLUMNS = {"consortium": "Consortium", "middle_lo": "Consortium middle half from", "middle_hi":
                      "Consortium middle half to", "n_institutions": "Other institutions in the middle half"}
CONSORTIUM_PERCENT = ["consortium", "middle_lo", "middle_hi"]


def with_consortium(page: Page, df: pd.DataFrame, figure: str, by: str, label_col: str, *args,
                    **kwargs) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """When the person asked for the consortium beside (sidebar), the view's frame with the consortium's figure
    beside each row, and the frame its chart draws: per bar for a breakdown every institution shares (class
    year, academic year, session, format...), one figure for the whole view for bars that belong to one
    institution (programs, institutions)."""
    if not page.beside or df.empty:
        return df, None
    whole = by in OWN_TO_INSTITUTION
    kinds = data.run("program_kinds", page.filt)
    cons = data.run("consortium", figure, page.consortium(kinds), [] if whole else [by], *args,
                    exclude=tuple(page.filt.institutions), **kwargs)
    keep = ([] if whole else [label_col]) + list(CONSORTIUM_COLUMNS)
    if cons.empty:
        return df, pd.DataFrame(columns=keep)
    cons = cons[keep]
    if whole:
        return df.assign(**{c: cons[c].iloc[0] for c in CONSORTIUM_COLUMNS}), cons
    return df.merge(cons, on=label_col, how="left"), cons


def show_chart(page: Page, fig: go.Figure, df: pd.DataFrame, *, name: str, key: str,
               columns: dict[str, str], percent: Sequence[str] = (), on_select: Callable[[], None] | None = None,
               empty: str = "No published figure in this view: widen the filter.") -> None:
    """The chart, then 'see as a table' and a CSV of exactly the rows and columns shown."""
    if df.empty:
        st.info(f"**{md(name)}**: {empty}", icon=":material/info:")
        return
    filename = export.safe_filename(page.title, name, page.description, ext="")
    st.plotly_chart(
        fig, key=key, width="stretch",
        on_select=on_select if on_select else "ignore", selection_mode="points",
        config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}},
    )
    left, right = st.columns([2, 1])
    with left:
        _table(df, columns, tuple(percent), key)
    with right:
        # Built only when clicked (a callable), so a rerun neither computes nor sends every CSV.
        st.download_button("CSV", data=lambda: export.to_csv_bytes(present(df, columns, percent)),
                           file_name=f"{filename}.csv", mime="text/csv", on_click="ignore", key=f"{key}_csv",
                           icon=":material/download:", width="stretch", help="Download this table as a CSV file.")


@st.fragment
def _table(df: pd.DataFrame, columns: dict[str, str], percent: tuple[str, ...], key: str) -> None:
    """The table behind a chart, on demand: the toggle reruns only this fragment."""
    if st.toggle("See as a table", key=f"{key}_table"):
        st.dataframe(present(df, columns, percent, for_screen=True), hide_index=True, width="stretch")


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
    n = data.run("left_out", page.filt, kind)
    st.caption(f":material/shield: {left_out_note(n, page.min_n, kind)} See Methods.")


COMMENTS_SHOWN = 1_000  # a consortium's latest survey has tens of thousands of comments: the CSV has every one


def show_comments(page: Page, comments: pd.DataFrame) -> None:
    """Free text as plain text (never Markdown or HTML): one row per distinct comment of a program's wave, with
    how many wrote it, the most written first; at most COMMENTS_SHOWN on the page, every one in the CSV."""
    frame = comments.rename(columns={"program": "Program", "academic_year": "Academic year", "comment": "Comment",
                                     "n": "Written by"})[["Program", "Academic year", "Comment", "Written by"]]
    frame = frame.sort_values("Written by", ascending=False, kind="stable").reset_index(drop=True)
    shown = frame.head(COMMENTS_SHOWN)
    st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * len(shown), 420))
    if len(frame) > len(shown):
        st.caption(f"The {len(shown):,} most written of {len(frame):,} distinct comments are shown; the CSV has "
                   "every one.")
    st.download_button("CSV", data=lambda: export.to_csv_bytes(frame), mime="text/csv",
                       on_click="ignore", file_name=export.safe_filename(page.title, "comments", page.description),
                       key="comments_csv", icon=":material/download:")
