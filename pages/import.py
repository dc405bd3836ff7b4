"""Import: load rosters, sessions, attendance sheets, Zoom/Teams reports and survey exports, all or nothing."""
import streamlit as st

from peers_dash.model.filters import CohortFilter
from peers_dash.ui import data, read
from peers_dash.ui.changes import record_change_form, record_reference_form
from peers_dash.ui.importing import show_history, show_import, start_real_database
from peers_dash.ui.shell import finish, start

page = start("Import", needs="admin")
if page.status["is_demo"]:
    start_real_database(page)
    st.stop()

st.write("Load each term's files yourself. Nothing is written until every file passes its checks: a file "
         "with any problem changes nothing, and the report names the file, row and column of each problem.")
show_import(page, data.settings().db_path)
st.divider()
st.header("Program changes, targets and benchmarks")
st.write("What every trend marks (a new curriculum, a move to Zoom) and what good looks like: the office's "
         "targets and published benchmarks, drawn as lines on the charts of their figure.")
record_change_form(page, read.program_changes(CohortFilter()))
record_reference_form(page, read.reference_lines(CohortFilter()))
st.divider()
show_history(page, data.settings().db_path)
finish(page)
