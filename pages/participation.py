"""Participation: who comes, which class years and programs fall off, in person vs virtual."""
import streamlit as st

from peers_dash.charts import build_rate_bars
from peers_dash.charts.headings import columns
from peers_dash.model.dimensions import OWN_TO_INSTITUTION
from peers_dash.ui import read
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, narrow_to, show_chart, show_left_out, with_changes, \
    with_consortium, with_references

page = start("Participation", uses="attendance")
RATE_COLUMNS = columns("n_people", "n_expected", "n_present", "n_absent", "n_excused", "rate", "rate_lo", "rate_hi",
                       "excused_share", *CONSORTIUM_COLUMNS)
NOTE = "excused absences left out"


def rate_chart(by: str, label_col: str, label: str, title: str, key: str, select: str | None = None) -> None:
    df = read.attendance(page.over_years if by == "year" else page.filt, [by])
    df, beside = with_consortium(page, df, "attendance", by, label_col)
    fig = build_rate_bars(df, label_col, title=title, subtitle=NOTE, beside=beside, by_value=by in OWN_TO_INSTITUTION)
    if by == "year":
        fig = with_changes(page, fig, df)
    fig = with_references(page, fig, "attendance_rate")
    show_chart(page, fig, df, name=title, key=key, columns={label_col: label, **RATE_COLUMNS},
               on_select=narrow_to(select, key) if select else None)


# The second chart of the first row is one breakdown at a time: a dean reads one question of the data at once.
BY = {"Program": ("program", "program", "Attendance rate by program", "part_program", "program"),
      "Session": ("session_number", "session", "Attendance rate by session (1-10)", "part_session", None),
      "Topic": ("topic", "topic", "Attendance rate by curriculum topic", "part_topic", None),
      "Format": ("modality", "modality", "In person vs virtual", "part_modality", None)}
left, right = st.columns(2)
with left:
    rate_chart("class_year", "class_year", "Class year", "Attendance rate by class year", "part_class_year",
               select="class_year")
with right:
    chosen = st.segmented_control("Also by", list(BY), default="Program", key="part_by", bind="query-params",
                                  help="Program, curriculum session (1-10), topic, or session format.") or "Program"
    by, label_col, title, key, select = BY[chosen]
    rate_chart(by, label_col, chosen, title, key, select=select)
st.caption("Click a class-year or program bar to narrow the filter to it.")
show_left_out(page, "attendance")

rate_chart("year", "academic_year", "Academic year", "Attendance rate by academic year", "part_year")

st.header("Reach")
reach = read.reach(page.filt, ["class_year"])
reach, reach_beside = with_consortium(page, reach, "reach", "class_year", "class_year")
if page.filt.modalities:
    st.info("Reach counts people across every session format: clear the session-format filter to see it.",
            icon=":material/info:")
else:
    show_chart(page, with_references(page, build_rate_bars(
                   reach, "class_year", title="Reach: share who attended at least once", rate="reach", n="n_people",
                   n_label="people", subtitle="among people expected at sessions, each academic year",
                   beside=reach_beside), "reach"),
               reach, name="Reach by class year", key="part_reach",
               columns=columns("class_year", "n_people", "n_reached", "reach", "reach_lo", "reach_hi",
                               *CONSORTIUM_COLUMNS, n_people="People expected"))
finish(page)
