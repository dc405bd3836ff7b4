"""PEERS dashboard: the Overview page (streamlit run app.py)."""
from datetime import date

import streamlit as st

from peers_dash.charts import build_rate_bars
from peers_dash.charts.headings import columns
from peers_dash.model.filters import ay_label, year_label
from peers_dash.ui import read
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, show_chart, show_left_out, show_metrics, with_changes, \
    with_consortium, with_references

page = start("Overview")
year, metrics = read.headline(page.filt, page.min_n, today=date.today())
if year is None:
    st.info("No published attendance for this filter. Every figure needs at least two PEERS groups and "
            f"{page.min_n} people; widen the filter, or load attendance on the Import page. Analysts see single "
            "groups on the Groups page.", icon=":material/info:")
    show_left_out(page, "attendance")
    finish(page)
    st.stop()

st.header(f"Academic year {year_label(year)}")
st.caption(f"Compared with {ay_label(year - 1)}. A change is coloured only when it is more than chance; grey "
           "means too uncertain to call. The (?) beside each figure says what it means.")
show_metrics(page, f"Academic year {year_label(year)}", metrics)

by_year = read.attendance(page.over_years, ["year"])
by_year, beside = with_consortium(page, by_year, "attendance", "year", "academic_year")
chart = build_rate_bars(by_year, "academic_year", title="Attendance rate by academic year",
                        subtitle="present ÷ (present + absent), excused left out", beside=beside)
chart = with_references(page, with_changes(page, chart, by_year), "attendance_rate")
show_chart(page, chart, by_year, name="Attendance by academic year", key="overview_attendance",
           columns=columns("academic_year", "n_people", "n_expected", "rate", "rate_lo", "rate_hi", "excused_share",
                           *CONSORTIUM_COLUMNS))
show_left_out(page, "attendance")
finish(page)
