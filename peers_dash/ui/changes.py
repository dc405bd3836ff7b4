"""Program changes on a trend page (what each change did to the measure: before against after), and the
administrator's forms on the Import page to record a change, a target or a benchmark."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from peers_dash import PeersError
from peers_dash.charts import pct
from peers_dash.model.filters import CohortFilter, year_label
from peers_dash.privacy.escape import markdown as md
from peers_dash.queries import changes as program_changes, references
from peers_dash.ui import read
from peers_dash.ui.shell import Page


def show_changes(page: Page, found: pd.DataFrame, trend: pd.DataFrame, show: str, higher_is_better: bool | None,
                 fmt: str) -> None:
    """Each program change in view, newest first, with the measure before and from it on (all together: the
    comparison is not drawn for lines by class year or program)."""
    if found.empty:
        return
    st.header("Program changes")
    value = (lambda v: pct(v)) if fmt.endswith("%") else (lambda v: f"{v:.1f}")
    unit = " points" if fmt.endswith("%") else ""
    scale = 100 if fmt.endswith("%") else 1
    for c in found.sort_values("changed_on", ascending=False).itertuples():
        said = f"**{md(c.words)}** · {c.changed_on:%d %B %Y} (academic year {year_label(int(c.ay))})"
        ba = program_changes.before_after(trend, int(c.ay), show, higher_is_better) if len(trend) else None
        if ba is None:
            st.markdown(f"{said}: no years on both sides of it in view to compare.")
            continue
        verdict = ("better" if ba.better else "worse" if ba.better is False else "a real change") if ba.real \
            else "too small to tell from chance"
        mark = " ▲" if ba.real and ba.difference > 0 else " ▼" if ba.real else ""
        st.markdown(f"{said}: {md(ba.years_before)} **{value(ba.before)}** (from {ba.n_before:,} responses), then "
                    f"{md(ba.years_after)} **{value(ba.after)}** (from {ba.n_after:,}): "
                    f"{ba.difference * scale:+.1f}{unit}{mark}, likely between {ba.lo * scale:+.1f} and "
                    f"{ba.hi * scale:+.1f}{unit}: **{verdict}**.")
    st.caption("Before: the academic years before the change's year; after: its year and the later ones. Other "
               "things changed too, so a difference says when, not why.")


def record_change_form(page: Page, found: pd.DataFrame) -> None:
    """For administrators: record a program change (date, words, which program), or remove one."""
    with st.expander("Record a program change", icon=":material/edit_calendar:"):
        programs = read.options("program", page.filt)
        names = ["Every program", *programs["label"]]
        with st.form("record_change", clear_on_submit=True, border=False):
            when = st.date_input("When it changed", value=None, max_value=date.today(), format="YYYY-MM-DD")
            words = st.text_input("What changed", max_chars=program_changes.MAX_WORDS,
                                  placeholder="e.g. New curriculum for MS1; sessions moved to Zoom")
            which = st.selectbox("Program", names, help="A change to one program shows on its trends and on views "
                                                        "that include it.")
            if st.form_submit_button("Record the change", icon=":material/add:"):
                program_id = None if which == names[0] else int(programs.loc[programs["label"] == which,
                                                                              "value"].iloc[0])
                _write(lambda: program_changes.record(
                    page.settings.db_path, when, words, page.access.who, program_id=program_id)
                    if when else _missing_date())
        if len(found):
            labels = {f"{c.changed_on:%Y-%m-%d} {c.words}": int(c.change_id) for c in found.itertuples()}
            gone = st.selectbox("Remove a change", list(labels), index=None, placeholder="Choose one to remove")
            if gone and st.button("Remove it", icon=":material/delete:"):
                _write(lambda: program_changes.remove(page.settings.db_path, labels[gone]))


def record_reference_form(page: Page, found: pd.DataFrame) -> None:
    """For administrators: a target or a published benchmark for one figure, or remove one."""
    with st.expander("Set a target or a benchmark", icon=":material/flag:"):
        figures = {name: (key, "share", (0.0, 1.0)) for key, name in references.ATTENDANCE_FIGURES.items()}
        for m in read.measures("annual", CohortFilter()):
            figures[f"{m.option} (share {m.share_label})" if m.share_op else f"{m.option} (mean)"] = \
                (m.key, "share" if m.share_op else "mean", (0.0, 1.0) if m.share_op else (m.lo, m.hi))
        with st.form("record_reference", clear_on_submit=True, border=False):
            kind = st.radio("Kind", ["Target", "Benchmark"], horizontal=True,
                            help="Target: the office's aim. Benchmark: a figure someone published for the same "
                                 "measure, with its source.")
            name = st.selectbox("Figure", list(figures))
            value = st.number_input("Value (a percentage for a share; a mean on the measure's scale)", value=None,
                                    step=1.0, format="%.1f")
            source = st.text_input("Source (required for a benchmark)",
                                   placeholder="Who published it, for whom, when; e.g. a journal article")
            if st.form_submit_button("Save the line", icon=":material/add:"):
                key, show, scale = figures[name]
                _write(lambda: references.record(
                    page.settings.db_path, kind.lower(), key, show,
                    (value / 100 if show == "share" else value) if value is not None else float("nan"), source,
                    page.access.who, scale))
        if len(found):
            named = {key: name for name, (key, _, _) in figures.items()}
            labels = {f"{r.kind}: {named.get(r.figure, r.figure)} = "
                      f"{pct(r.value) if r.shown_as == 'share' else f'{r.value:.1f}'}"
                      + (f" ({r.source})" if r.source else ""): int(r.ref_id) for r in found.itertuples()}
            st.dataframe(pd.DataFrame({"Lines now drawn": list(labels)}), hide_index=True, width="stretch")
            gone = st.selectbox("Remove a line", list(labels), index=None, placeholder="Choose one to remove")
            if gone and st.button("Remove the line", icon=":material/delete:"):
                _write(lambda: references.remove(page.settings.db_path, labels[gone]))


def _missing_date() -> None:
    raise PeersError("Choose the date the program changed.")


def _write(action) -> None:
    try:
        action()
    except PeersError as exc:
        st.error(md(str(exc)), icon=":material/error:")
        return
    st.rerun()
