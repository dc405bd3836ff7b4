"""Programs side by side: attendance, reach, any survey measure and the response rate."""
import streamlit as st

from peers_dash.charts import build_rate_bars
from peers_dash.ui import data
from peers_dash.ui.measure import choose_measure, measure_bars
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, CONSORTIUM_PERCENT, narrow_to, show_chart, show_left_out, \
    with_consortium

page = start("Programs")
several = len(data.run("options", "institution", page.filt)) > 1
unit = st.segmented_control("Compare", ["Programs", "Institutions"], default="Programs", key="compare",
                            bind="query-params") if several else "Programs"
dim, label, select = ("institution", "Institution", "institution") if unit == "Institutions" else \
    ("program", "Program", "program")


def bars(name: str, df, rate: str, n: str, title: str, columns: dict, figure: str, **kw) -> None:
    df, beside = with_consortium(page, df, figure, dim, dim)
    fig = build_rate_bars(df, dim, title=title, rate=rate, n=n, beside=beside, **kw)
    show_chart(page, fig, df, name=name, key=f"programs_{name}", columns={dim: label, **columns, **CONSORTIUM_COLUMNS},
               percent=[rate, f"{rate}_lo", f"{rate}_hi", *CONSORTIUM_PERCENT],
               on_select=narrow_to(select, f"programs_{name}"))


left, right = st.columns(2)
with left:
    att = data.run("attendance", page.filt, [dim])
    bars("attendance", att, "rate", "n_counted", "Attendance rate",
         {"n_people": "People", "n_expected": "Expected attendances", "rate": "Attendance rate",
          "rate_lo": "95% CI low", "rate_hi": "95% CI high", "excused_share": "Excused share"}, "attendance",
         subtitle="excused absences left out")
with right:
    if page.filt.modalities:
        st.info("Reach counts people across every session format: clear the session-format filter to see it.",
                icon=":material/info:")
    else:
        reach = data.run("reach", page.filt, [dim])
        bars("reach", reach, "reach", "n_people", "Reach: attended at least once",
             {"n_people": "People", "n_reached": "Attended at least once", "reach": "Reach",
              "reach_lo": "95% CI low", "reach_hi": "95% CI high"}, "reach", n_label="people")
measure = choose_measure("Survey measure", help="The survey measure compared below: a PEERS item, an instrument's "
                                                 "score or your own question.")
left, right = st.columns(2)
with left:
    if measure is None:
        st.info("No published survey results in this view.", icon=":material/info:")
    else:
        measure_bars(page, measure, "share" if measure.share_op else "mean", dim, dim, label, f"by {label.lower()}",
                     "programs_measure", narrow_to(select, "programs_measure"))
with right:
    rr = data.run("response_rates", page.filt, [dim])
    bars("response", rr, "response_rate", "n_eligible", "Annual survey response rate",
         {"n_eligible": "Eligible", "n_responded": "Responded", "response_rate": "Response rate",
          "response_rate_lo": "95% CI low", "response_rate_hi": "95% CI high"}, "response_rates", n_label="eligible",
         higher_is_better=None)
st.caption("Click a bar to narrow the filter to it. Survey results ignore the group and format filters.")
show_left_out(page, "attendance")
finish(page)
