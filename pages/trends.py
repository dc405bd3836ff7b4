"""Well-being trends: favourability and scale scores over academic years, by class year or program."""
import streamlit as st

from peers_dash.charts import build_trend, top_series
from peers_dash.queries import unfavourable
from peers_dash.ui import data
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import show_chart, show_left_out

page = start("Well-being trends", uses="survey")
items = data.run("items")
SCALES = {"Perceived stress (PSS-4 score, 0-16)": ("pss4", 0, 16),
          "Loneliness (UCLA 3-item score, 3-9)": ("ucla3", 3, 9)}
ITEMS = {f"{r.short_label} (% agree)": r.item_id for r in items.itertuples() if r.instrument_id == "peers"}
ITEMS |= {f"{r.short_label} (% weekly or more)": r.item_id for r in items.itertuples() if r.instrument_id == "burnout"}
measure = st.selectbox("Measure", list(ITEMS) + list(SCALES), key="measure", bind="query-params",
                       help="PEERS items as the share who agree; burnout as the share weekly or more often; stress "
                            "and loneliness as mean scale scores.")
split = st.segmented_control("Lines by", ["All together", "Class year", "Program"], default="All together",
                             key="split", bind="query-params")
series = {"Class year": "class_year", "Program": "program"}.get(split or "")
by = [series] if series else []

if measure in SCALES:
    instrument, low, high = SCALES[measure]
    df = data.run("scale_trend", page.filt, instrument, by)
    good_high, subtitle, y, lo, hi, fmt, y_range = False, "", "mean", "mean_lo", "mean_hi", ".1f", (low, high)
    value_cols = {"mean": "Mean score", "mean_lo": "95% CI low", "mean_hi": "95% CI high", "sd": "SD"}
    percent = []
else:
    item = items.set_index("item_id").loc[ITEMS[measure]]
    good_high = bool(item["higher_is_better"])
    df = data.run("item_trend", page.filt, ITEMS[measure], by)
    if not good_high:  # burnout: the share at weekly or more, lower is better
        df = unfavourable(df)
    share = "Agree or strongly agree" if good_high else "Weekly or more"
    subtitle, y, lo, hi, fmt, y_range = f"“{item['item_text']}”", "favorable", "favorable_lo", "favorable_hi", ".0%", (0, 1)
    value_cols = {"favorable": share, "favorable_lo": "95% CI low",
                  "favorable_hi": "95% CI high"}
    percent = ["favorable", "favorable_lo", "favorable_hi", "change", "change_lo", "change_hi"]

if series and len(df):
    df, left_out = top_series(df, series)
    if left_out:
        st.caption(f"The {left_out} smallest {'class years' if series == 'class_year' else 'programs'} are left out "
                   "so each line keeps its own colour: narrow the filter to compare them.")
labels = {series: "Class year" if series == "class_year" else "Program"} if series else {}
show_chart(page, build_trend(df, title=measure, y=y, lo=lo, hi=hi, series=series, higher_is_better=good_high,
                             y_format=fmt, y_range=y_range, subtitle=subtitle) if len(df) else None,
           df, name=f"Trend {measure}", key="trend_chart",
           columns={**labels, "academic_year": "Academic year", "n_responses": "Responses", **value_cols,
                    "change": "Change from the year before", "change_lo": "Change 95% CI low",
                    "change_hi": "Change 95% CI high", "changed": "A change?"},
           percent=percent)
show_left_out(page, "survey")
st.caption("A change from the previous year is called a change only when its 95% interval excludes zero "
           "(Newcombe's interval for a share, Welch's for a mean score).")
finish(page)
