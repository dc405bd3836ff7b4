"""Well-being trends: favourability and scale scores over academic years, by class year or program."""
import streamlit as st

from peers_dash.charts import build_trend
from peers_dash.ui import data
from peers_dash.ui.shell import start
from peers_dash.ui.widgets import show_chart

page = start("Well-being trends", uses="survey")
items = data.run("items")
SCALES = {"Perceived stress (PSS-4 score, 0-16)": ("pss4", 0, 16),
          "Loneliness (UCLA 3-item score, 3-9)": ("ucla3", 3, 9)}
ITEMS = {f"{r.short_label} (% favourable)": r.item_id for r in items.itertuples()
         if r.instrument_id in ("peers", "burnout")}
measure = st.selectbox("Measure", list(ITEMS) + list(SCALES), key="measure", bind="query-params",
                       help="PEERS items and the burnout items as the share of favourable answers; stress and "
                            "loneliness as mean scale scores.")
split = st.segmented_control("Lines by", ["All together", "Class year", "Program"], default="All together",
                             key="split", bind="query-params")
by = {"Class year": ["class_year"], "Program": ["program"]}.get(split or "All together", [])
series = {"Class year": "class_year", "Program": "program"}.get(split or "")

if measure in SCALES:
    instrument, low, high = SCALES[measure]
    df = data.run("scale_trend", page.filt, instrument, by, page.min_n)
    fig = build_trend(df, title=measure, y="mean", lo="mean_lo", hi="mean_hi", series=series,
                      higher_is_better=False, y_format=".1f", y_range=(low, high), min_n=page.min_n)
    value_cols = {"mean": "Mean score", "mean_lo": "95% CI low", "mean_hi": "95% CI high", "sd": "SD"}
    percent = []
else:
    item = items.set_index("item_id").loc[ITEMS[measure]]
    df = data.run("item_trend", page.filt, ITEMS[measure], by, page.min_n)
    fig = build_trend(df, title=measure, y="favorable", lo="favorable_lo", hi="favorable_hi", series=series,
                      higher_is_better=True, min_n=page.min_n,
                      subtitle=f"“{item['item_text']}”")
    value_cols = {"n_favorable": "Favourable answers", "favorable": "Favourable", "favorable_lo": "95% CI low",
                  "favorable_hi": "95% CI high"}
    percent = ["favorable", "favorable_lo", "favorable_hi", "change", "change_lo", "change_hi"]
    if item["higher_is_better"] is False or item["higher_is_better"] == False:  # noqa: E712 (numpy bool)
        st.caption("For burnout, favourable means less often than once a week.")

labels = {"class_year": "Class year"} if series == "class_year" else {"program": "Program"} if series else {}
show_chart(page, fig, df, name=f"Trend {measure}", key="trend_chart",
           columns={**labels, "academic_year": "Academic year", "n_people": "Respondents", **value_cols,
                    "change": "Change from the year before", "change_lo": "Change 95% CI low",
                    "change_hi": "Change 95% CI high", "changed": "A change?"},
           percent=percent)
st.caption("A change from the previous year is called a change only when its 95% interval excludes zero "
           "(Newcombe's interval for a share, Welch's for a mean score).")
