"""Methods: every definition in plain words, the privacy rules, and how complete the data is."""
import streamlit as st

from peers_dash.charts.glossary import TERMS
from peers_dash.queries.themes import THEMES
from peers_dash.ui import read
from peers_dash.ui.shell import finish, start

page = start("Methods")
n = page.min_n
status = page.status

st.header("Data completeness")
sessions = (f"sessions from {status['first_session']} to {status['last_session']}" if status["first_session"]
            else "no PEERS sessions loaded (survey data only)")
st.write(f"Data as of **{status['data_as_of']}**: {sessions}. Data version {status['data_version']}, last written "
         f"{status['last_written']}."
         + (" This is **synthetic demo data**." if status["is_demo"] else ""))
if page.scope is None:
    gaps = read.completeness()
    st.table({"What": list(gaps["what"]), "How many": [f"{v:,}" for v in gaps["n"]]})
else:
    st.caption("What is missing across the consortium's data is shown to its leads.")

st.header("Definitions")
st.caption("What each figure on the pages means. The (?) beside a figure gives the first sentence and links here.")
for term in TERMS.values():
    st.subheader(term.name, anchor=term.anchor)
    st.markdown(f"{term.meaning} {term.detail}")

st.header("Comment themes")
st.caption("A comment belongs to a theme when it uses one of the theme's words (English; case and accents "
           "ignored; a word's beginning, so 'schedul' finds 'schedule' and 'scheduling'). Themes are found on this "
           "server: no comment is sent anywhere. A comment can have several themes, or none.")
st.table({"Theme": [name for name, _ in THEMES], "Words": [", ".join(words) for _, words in THEMES]})

st.header("Instrument library")
st.caption("The instruments a mapping can name with [[instrument]] (docs/MAPPING.md), and how the dashboard scores "
           "them. Maslach subscales are imported as totals only: their item text is licensed.")
st.dataframe(read.instrument_library(), hide_index=True, width="stretch",
             column_config={"Source": st.column_config.TextColumn(width="large")})

st.header("Privacy")
st.markdown(f"""
- **Every figure comes from at least {n} people.** When data is loaded, it is cut into the smallest pieces any
  chart uses: one group's session; one group's people in a year; the answers to one question in one survey wave
  from one class year and attendance band. A piece is published only if at least {n} different people are in
  it. Every number on every page, chart, table, hover and download is then added up from published pieces only.
- **So comparing views gives nothing away.** Subtracting one figure from another (two filters, two charts, two
  pages, a CSV, or the same page before and after new data is loaded) leaves a sum of whole published pieces,
  never a few people. There are no hidden cells to work out and no views refused.
- **What it costs.** Pieces with fewer than {n} people are left out of every figure, and each page says how many
  people that leaves out in the programs and years in view (counted per program and year, rounded down to
  tens). Small survey pieces are first combined (the attendance bands of a class year, then the class years of
  a program's wave) and shown as **"Other (small groups combined)"**; once combined they stay so. The stress
  (PSS-4) and loneliness (UCLA-3) questions are shown as scores only, never one by one.
- **No single group.** Outside the Groups page (analysts only), no figure covers one PEERS group: a cohort's
  session, year or survey answers with a single group join its program's combined cell, or are left out.
- **New data.** A piece is only ever shown with contents that hold one another: each later one adds (or
  removes) at least {n} people. So a late survey response waits until at least {n} have come, and a corrected
  sign-in waits; meanwhile the piece keeps its published numbers, and the Import page says how many wait.
  Counts such as trainees are compared with the year before only when at least {n} people changed. A survey
  response imported again keeps the program, cohort, class year and attendance band it was first counted in.
- **Comments** are shown a whole program's survey wave at a time, and only where at least
  {page.status["min_comment_n"]} people answered that wave; no filter narrows them, and they carry no date,
  class year or group. Only questions marked as comments are shown; no other text.
- Survey answers are never linked to participants, groups or session formats: the group and format filters do
  not apply to survey results, and no survey result is shown by group.
- **Each school sees itself.** Where the login settings limit a person to some institutions, every figure,
  table, download and list in the sidebar covers those institutions only; the consortium figure beside them
  follows the rule above.
- Names and e-mail addresses are never stored in the dashboard's database or shown. Text from files and links
  is always shown as plain text.
- The minimum is a setting (`PEERS_MIN_CELL_SIZE`, now {n}; comments `PEERS_MIN_COMMENT_N`), applied when data
  is written. The database file itself is not protected and is for data stewards only. The full argument is in
  docs/PRIVACY.md.
""")
finish(page)
