"""Extracts: pick a dataset, see it, download it as CSV, with a data dictionary."""
import streamlit as st

from peers_dash.charts import export
from peers_dash.privacy import present
from peers_dash.queries.extracts import DATASETS
from peers_dash.ui import read
from peers_dash.ui.measure import choose_measure, describe
from peers_dash.ui.shell import finish, start

page = start("Extracts")
st.write("Every extract is added up from published cells like the charts: every row comes from at least "
         f"{page.min_n} people, and the file holds exactly the table shown.")
names = [d.title for d in DATASETS]
choice = st.selectbox("Dataset", names, key="dataset", bind="query-params")
ds = DATASETS[names.index(choice)]
st.caption(ds.description)
measure = None
if ds.measure:
    measure = choose_measure("Survey measure", key="extract_measure")
    if measure is None:
        st.info("No published survey results in this view.")
        st.stop()
    st.caption(describe(measure))
df = read.extract(page.filt, choice, measure.key if measure else None)
if df.empty:
    st.info("No data in this view.")
    st.stop()
SCREEN_ROWS = 2_000  # a consortium's extract can be tens of thousands of rows: the CSV has every one
screen = present(df.head(SCREEN_ROWS), ds.columns, ds.percent, for_screen=True)
st.dataframe(screen, hide_index=True, width="stretch", height=min(38 + 35 * len(screen), 560))
if len(df) > SCREEN_ROWS:
    st.caption(f"The first {SCREEN_ROWS:,} of {len(df):,} rows are shown here; the CSV has every row.")
st.download_button(f"Download “{choice}” as CSV ({len(df):,} rows)",
                   data=lambda: export.to_csv_bytes(export.with_view(present(df, ds.columns, ds.percent),
                                                                     page.description, page.status["data_as_of"])),
                   file_name=export.safe_filename(choice, page.description), mime="text/csv", on_click="ignore",
                   key="extract_csv", icon=":material/download:", type="primary")
with st.expander("Data dictionary", expanded=True):
    st.table({"Column": list(ds.columns.values()),
              "Meaning": [ds.dictionary.get(c, "") for c in ds.columns]})
finish(page)
