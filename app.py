"""PEERS dashboard: the Overview page (streamlit run app.py)."""
from datetime import date

import streamlit as st

from peers_dash.charts import build_rate_bars
from peers_dash.filters import ay_label
from peers_dash.ui import data
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, CONSORTIUM_PERCENT, show_chart, show_left_out, show_metrics, \
    with_consortium

page = start("Overview")
year, metrics = data.run("headline", page.filt, page.min_n, today=date.today())
if year is None:
    st.info("No published attendance for this filter. Every figure needs at least two PEERS groups and "
            f"{page.min_n} people; widen the filter, or load attendance on the Import page. Analysts see single "
            "groups on the Groups page.", icon=":material/info:")
    show_left_out(page, "attendance")
    finish(page)
    st.stop()

st.header(f"Academic year {ay_label(year)}")
st.caption(f"Compared with {ay_label(year - 1)}. A change in a rate is coloured only when its 95% interval "
           "excludes zero; grey means too uncertain to call.")
show_metrics(metrics)

by_year = data.run("attendance", page.filt, ["year"])
by_year, beside = with_consortium(page, by_year, "attendance", "year", "academic_year")
show_chart(page, build_rate_bars(by_year, "academic_year", title="Attendance rate by academic year",
                                 subtitle="present ÷ (present + absent), excused left out", beside=beside),
           by_year, name="Attendance by academic year", key="overview_attendance",
           columns={"academic_year": "Academic year", "n_people": "People", "n_expected": "Expected attendances",
                    "rate": "Attendance rate", "rate_lo": "95% CI low", "rate_hi": "95% CI high",
                    "excused_share": "Excused share", **CONSORTIUM_COLUMNS},
           percent=["rate", "rate_lo", "rate_hi", "excused_share", *CONSORTIUM_PERCENT])
show_left_out(page, "attendance")
finish(page)
