"""Programs (or class years, or institutions) side by side: grids of each against the whole view (attendance,
reach, response rate; the PEERS questions), then any one figure as bars with its intervals."""
import streamlit as st

from peers_dash.charts import build_rate_bars
from peers_dash.charts.glossary import TERMS
from peers_dash.charts.grids import build_compare_grid
from peers_dash.charts.headings import columns
from peers_dash.model.dimensions import OWN_TO_INSTITUTION
from peers_dash.queries.compare import Column, against_whole, order_units
from peers_dash.ui import read
from peers_dash.ui.measure import choose_measure, measure_bars
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, narrow_to, show_chart, show_left_out, with_consortium, \
    with_references

REFERENCE_OF = {"attendance": "attendance_rate", "response_rates": "response_rate"}  # the figure a target names
GRID_ROWS = 25  # programs in the grid (the largest); the bars below and every table keep them all

page = start("Programs")
UNITS = {"Programs": ("program", "Program"), "Class years": ("class_year", "Class year"),
         "Institutions": ("institution", "Institution")}
several = len(read.options("institution", page.filt)) > 1
unit = st.segmented_control("Compare", [u for u in UNITS if several or u != "Institutions"], default="Programs",
                            key="compare", bind="query-params") or "Programs"
dim, label = UNITS[unit]  # dim is also the filter a click on a bar narrows

att = read.attendance(page.filt, [dim])
reach = None if page.filt.modalities else read.reach(page.filt, [dim])
rr = read.response_rates(page.filt, [dim])
items = read.items()
peers_items = items[items["instrument_id"] == "peers"]
fav = read.survey_items(page.filt, tuple(peers_items["item_id"]), [dim])

taking_part = [Column("Attendance rate", att, "n_present", "n_counted"),
               *([Column("Reach", reach, "n_reached", "n_people")] if reach is not None else []),
               Column("Survey response rate", rr, "n_responded", "n_eligible")]
feeling = [Column(str(q), part, "n_favorable", "n_rated") for q, part in fav.groupby("short_label", sort=False)]
long = against_whole(taking_part + feeling, dim)
units, left_off = order_units(long, dim, "Attendance rate", GRID_ROWS)  # one order for both grids
st.header(f"Each {label.lower()} against the whole view")
if not units:
    st.info("No published figures for this view.", icon=":material/info:")
else:
    # two grids of a few columns each, so that a phone shows them whole
    drawn = set(long["figure"].unique())
    for name, part, key in (("Taking part, best attendance first", taking_part, "programs_grid"),
                            ("How they see their PEERS group (% agreeing)", feeling, "programs_grid_peers")):
        figures = [c.name for c in part if c.name in drawn]
        if not figures:
            continue
        shown = long[long["figure"].isin(figures)]
        fig = build_compare_grid(
            shown, dim, units, figures, title=name,
            whole_label="Whole view",
            subtitle=["Each cell: the share, then its difference from the whole view in points. ▲ better, ▼ worse: "
                      "only where the difference is more than chance. Blue: better; orange: worse."
                      + (f" The {GRID_ROWS} largest of {len(units) + left_off} are drawn; the table has all."
                         if left_off else "")])
        table = shown.assign(real=shown["real"].map({True: "yes", False: "no"}))
        show_chart(page, fig, table, name=name, key=key,
                   columns=columns(dim, "figure", "share", "n", "whole", "difference", "lo", "hi", "real"))
    st.caption(f"Survey figures are the share agreeing (4 or 5 of 5). ▲ or ▼: the {label.lower()} differs from the "
               f"rest of the view by more than chance; without a mark the difference is too small to call. "
               f"[Read more in Methods](/methods#{TERMS['A change'].anchor})")

st.header("One figure at a time")
FIGURES = ["Attendance rate", *(["Reach"] if reach is not None else []), "Survey response rate", "Survey measure"]
chosen = st.segmented_control("Figure", FIGURES, default="Attendance rate", key="programs_figure",
                              bind="query-params") or "Attendance rate"


def bars(name: str, df, rate: str, n: str, title: str, shown: tuple[str, ...], figure: str, **kw) -> None:
    df, beside = with_consortium(page, df, figure, dim, dim)
    fig = build_rate_bars(df, dim, title=title, rate=rate, n=n, beside=beside, by_value=dim in OWN_TO_INSTITUTION,
                          **kw)  # class years keep their order
    fig = with_references(page, fig, REFERENCE_OF.get(figure, figure))
    show_chart(page, fig, df, name=name, key=f"programs_{name}", columns=columns(dim, *shown, *CONSORTIUM_COLUMNS),
               on_select=narrow_to(dim, f"programs_{name}"))


if chosen == "Attendance rate":
    bars("attendance", att, "rate", "n_counted", f"Attendance rate by {label.lower()}",
         ("n_people", "n_expected", "rate", "rate_lo", "rate_hi", "excused_share"), "attendance",
         subtitle="excused absences left out")
elif chosen == "Reach" and reach is not None:
    bars("reach", reach, "reach", "n_people", f"Reach by {label.lower()}: attended at least once",
         ("n_people", "n_reached", "reach", "reach_lo", "reach_hi"), "reach", n_label="people")
elif chosen == "Survey response rate":
    bars("response", rr, "response_rate", "n_eligible", f"Annual survey response rate by {label.lower()}",
         ("n_eligible", "n_responded", "response_rate", "response_rate_lo", "response_rate_hi"), "response_rates",
         n_label="eligible", higher_is_better=None)
else:
    measure = choose_measure("Survey measure", help="A PEERS item, an instrument's score or your own question.")
    if measure is None:
        st.info("No published survey results in this view.", icon=":material/info:")
    else:
        measure_bars(page, measure, "share" if measure.share_op else "mean", dim, dim, label, f"by {label.lower()}",
                     "programs_measure", narrow_to(dim, "programs_measure"))
st.caption("Click a bar to narrow the filter to it. Survey results ignore the group and format filters.")
show_left_out(page, "attendance")
finish(page)
