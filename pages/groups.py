"""Groups: attendance by group and session, group continuity, fading groups. Attendance only."""
import streamlit as st

from peers_dash.charts.grids import build_heatmap
from peers_dash.charts.headings import columns
from peers_dash.model.filters import running_year
from peers_dash.queries import fading_groups
from peers_dash.ui import read
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import show_chart

page = start("Groups", uses="attendance", needs="analyst")
st.caption("Attendance only: survey answers are never shown by group.")
if len(page.filt.cohorts) != 1:
    cohorts = read.options("cohort", page.filt)  # labelled as the sidebar labels them
    st.info("Groups are shown one cohort at a time. Choose one here or in the sidebar's Cohort filter.",
            icon=":material/grid_view:")

    def pick() -> None:
        st.session_state["cohort"] = [st.session_state["groups_cohort"]]

    st.selectbox("Cohort", list(cohorts["label"][:300]), index=None, key="groups_cohort", on_change=pick,
                 placeholder="Choose a cohort")
    st.stop()

grid = read.attendance(page.filt, ["group", "session_number"])
show_chart(page, build_heatmap(grid, x="session", y="group", z="rate", title="Attendance rate by group and session",
                               min_n=page.min_n, n="n_expected", subtitle="present ÷ (present + absent)"),
           grid, name="Attendance by group and session", key="groups_heatmap",
           columns=columns("group", "session", "n_expected", "n_present", "n_absent", "n_excused", "rate",
                           n_expected="Members expected"))

continuity = read.group_continuity(page.over_years)
if page.filt.modalities:
    st.caption("Group continuity counts people across every session format: the format filter does not narrow it.")
show_chart(page, build_heatmap(continuity, x="academic_year", y="group", z="continuity",
                               title="Group continuity: starting members still attending", min_n=page.min_n,
                               n="n_people",
                               subtitle="share of each group's first-year members who came at least once that year"),
           continuity, name="Group continuity", key="groups_continuity",
           columns=columns("group", "academic_year", "program_year", "n_people", "n_attending", "continuity",
                           n_people="Starting members"))

st.header("Fading groups")
st.caption("Judged on complete academic years only: in the year under way most members have not come yet.")
fading = fading_groups(continuity, running=running_year())
if fading.empty:
    st.success("No group has fewer than half of its starting members still attending.")
else:
    table = fading.assign(first=(fading["first_rate"] * 100).round(), last=(fading["continuity"] * 100).round())
    st.dataframe(table.rename(columns={"group": "Group", "academic_year": "Latest year", "first": "First year",
                                       "last": "Still attending", "n_people": "Starting members"})
                 [["Group", "Latest year", "Starting members", "First year", "Still attending"]],
                 hide_index=True, column_config={c: st.column_config.NumberColumn(format="%d%%")
                                                 for c in ("First year", "Still attending")})
finish(page)
