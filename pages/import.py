"""Import: load rosters, sessions, attendance sheets, Zoom/Teams reports and survey exports, all or nothing."""
import streamlit as st

from peers_dash.ui import data
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
show_history(page, data.settings().db_path)
finish(page)
