"""Well-being trends: any survey measure (a PEERS item, an instrument's score, the office's own question) over
academic years, all together or by class year or program."""
import streamlit as st

from peers_dash.charts import build_trend, top_series
from peers_dash.charts.glossary import help_for
from peers_dash.charts.headings import HEADINGS, columns
from peers_dash.charts.marks import mark_changes
from peers_dash.model.filters import year_label
from peers_dash.ui import read
from peers_dash.ui.changes import show_changes
from peers_dash.ui.measure import choose_measure, choose_show, columns_of, describe
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, CONSORTIUM_PERCENT, show_chart, show_left_out, with_consortium, \
    with_references

page = start("Well-being trends", uses="survey")
measure = choose_measure()
if measure is None:
    st.info("No published survey results in this view.", icon=":material/info:")
    finish(page)
    st.stop()
st.caption(describe(measure))
left, right = st.columns(2)
with left:
    show = choose_show(measure)
with right:
    split = st.segmented_control("Lines by", ["All together", "Class year", "Program"], default="All together",
                                 key="split", bind="query-params")
series = {"Class year": "class_year", "Program": "program"}.get(split or "")
by = [series] if series else []
df = read.measure_trend(page.over_years, measure, by, show)

if show == "share":
    y, lo, hi, fmt, y_range, good = "share", "share_lo", "share_hi", ".0%", (0, 1), measure.share_good
    title = f"{measure.label}: % {measure.share_short}"
    percent = ["share", "share_lo", "share_hi", "change", "change_lo", "change_hi"]
else:
    y, lo, hi, fmt, good = "mean", "mean_lo", "mean_hi", ".1f", measure.higher_is_better
    y_range = (measure.lo, measure.hi) if measure.lo is not None and measure.hi is not None else None
    title = f"{measure.label}: {measure.mean_label.lower()}"
    percent = ["share", "share_lo", "share_hi"]
if series and len(df):
    df, left_out = top_series(df, series)
    if left_out:
        st.caption(f"The {left_out} smallest {'class years' if series == 'class_year' else 'programs'} are left out "
                   "so each line keeps its own colour: narrow the filter to compare them.")
beside = None
if not series:  # the consortium as one more line (a line per class year or program would be too many)
    df, beside = with_consortium(page, df, "measure_share" if show == "share" else "measure_mean", "year",
                                 "academic_year", measure)
    if beside is not None:
        percent = percent + (CONSORTIUM_PERCENT if show == "share" else [])
labels = {series: HEADINGS[series]} if series else {}
table_columns = columns_of(measure, "academic_year", HEADINGS["academic_year"])
changes = read.program_changes(page.over_years)
fig = build_trend(df, title=title, y=y, lo=lo, hi=hi, series=series, higher_is_better=good, y_format=fmt,
                  y_range=y_range, beside=beside) if len(df) else None
if fig is not None and len(changes):
    mark_changes(fig, [(year_label(int(c.ay)), c.words) for c in changes.itertuples()],
                 sorted(df["academic_year"].unique()))
fig = with_references(page, fig, measure.key, show, axis="y", fmt=fmt)
show_chart(page, fig, df, name=f"Trend {measure.label}", key="trend_chart",
           columns={**labels, **table_columns, **columns("change", "change_lo", "change_hi", "changed"),
                    **CONSORTIUM_COLUMNS},
           percent=percent)
show_left_out(page, "survey")
st.caption(help_for("A change"))
show_changes(page, changes, df if not series else df.iloc[0:0], show, good, fmt)
finish(page)
