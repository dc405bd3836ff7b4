"""PEERS dashboard: the Overview page (streamlit run app.py)."""
from datetime import date

import streamlit as st

from peers_dash.charts import build_rate_bars
from peers_dash.filters import ay_label
from peers_dash.ui import data
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import show_chart, show_metrics

page = start("Overview")
year, metrics = data.run("headline", page.filt, page.min_n, today=date.today())
if year is None:
    st.info("No attendance is recorded for this filter. Widen it, or load attendance on the Import page.")
    st.stop()

st.subheader(f"Academic year {ay_label(year)}")
st.caption(f"Compared with {ay_label(year - 1)}. A change in a rate is coloured only when its 95% interval "
           "excludes zero; grey means too uncertain to call.")
show_metrics(metrics, page.min_n)

by_year = data.run("attendance", page.filt, ["year"], page.min_n)
show_chart(page, build_rate_bars(by_year, "academic_year", title="Attendance rate by academic year",
                                 min_n=page.min_n, subtitle="present ÷ (present + absent), excused left out"),
           by_year, name="Attendance by academic year", key="overview_attendance",
           columns={"academic_year": "Academic year", "n_people": "People", "rate": "Attendance rate",
                    "rate_lo": "95% CI low", "rate_hi": "95% CI high", "excused_share": "Excused share"},
           percent=["rate", "rate_lo", "rate_hi", "excused_share"])
finish(page)
