"""Methods: every definition in plain words, the privacy rules, and how complete the data is."""
import streamlit as st

from peers_dash.ui import data
from peers_dash.ui.shell import finish, start

page = start("Methods")
n = page.min_n
status = page.status

st.header("Data completeness")
sessions = (f"sessions from {status['first_session']} to {status['last_session']}" if status["first_session"]
            else "no PEERS sessions loaded (survey data only)")
st.write(f"Data as of **{status['data_as_of']}**: {sessions}. Data version {status['data_version']}, last written {status['last_written']}."
         + (" This is **synthetic demo data**." if status["is_demo"] else ""))
if page.scope is None:
    gaps = data.run("completeness")
    st.table({"What": list(gaps["what"]), "How many": [f"{v:,}" for v in gaps["n"]]})
else:
    st.caption("What is missing across the consortium's data is shown to its leads.")

st.header("Definitions")
st.markdown("""
- **Attendance rate** = sessions attended ÷ (sessions attended + unexcused absences), over the attendance records
  in view. **Excused absences are left out of the rate** and shown beside it as their own share of all records.
  The people expected at a session are the members of its group enrolled on its date; a Zoom or Teams
  report lists only who came, so every expected member it does not list counts as absent.
- **n** beside an attendance rate is the number of attendances it counts (present + absent); the tables also give
  the **people** behind it, each person counted once a year (a view over several years adds the years up).
- **Reach** = share of the people expected at sessions in an academic year who attended at least one. It counts
  people across every session format, so it is not shown for a session-format filter.
- **Group continuity** = share of a group's starting members (those expected in its first academic year) who
  attended at least one session in a later year. A **fading group** has fewer than half still attending.
- **Favourable** = share answering 4 or 5 (agree or strongly agree) on a 1-5 agree question ("top-2-box"). For
  the burnout questions (0-6, never to every day), favourable means less often than once a week.
- **Scores** of instruments (PSS-4, UCLA-3, PHQ-9, GAD-7, ...) are made **only from complete answers**: every
  question of the instrument answered, reversed questions turned round, then added up (the Brief Resilience
  Scale takes the mean), or a total the survey tool computed and the mapping names. A response that skipped a
  question has no score. Where the instrument has a published cut-off (PHQ-9 10 or more, CES-D 16 or more), the
  **share** is the share of scores on the flagged side, with its 95% interval; the instrument library below gives
  each one's rule and source. **Lower is better** for stress, loneliness, depression, anxiety and burnout; higher
  is better for support, community, coping, well-being and resilience. Every chart says which.
- **Your own questions** (defined in a mapping) show like the catalogue's: a yes/no question as the share
  answering yes; a scale question with a favourable band as the share in it; any other as its mean.
- **Attendance band**: PEERS sessions a respondent had attended when answering (0-3, 4-7, 8-10), fixed when the
  survey is loaded. It lets you ask whether attending goes with feeling supported, without linking answers
  to people.
- **Response rate** = responses ÷ people eligible for the wave.
- **Responses** beside a survey figure: one per person per survey wave, so a figure over several years counts a
  person once a year.
- **95% intervals**: Wilson score intervals for shares; t intervals for mean scores. They show how much a figure
  could move by chance with this many people.
- **A change** from the previous year is called a change only when the 95% interval of the difference excludes
  zero (Newcombe's interval for a difference of shares, Welch's for a difference of means). Otherwise the
  figures are shown but the difference is too uncertain to call.
- **Consortium** (the sidebar's "Consortium beside"): the same figure for every institution together, from the
  program kinds in view. It adds up only pieces to which at least three institutions contribute (two more than
  a person sees, for someone who sees several), so taking one's own school away from it always leaves two
  schools or more. **Middle half**: where at least five institutions have a figure of their own, the range from
  the 25th to the 75th percentile of those figures (a quarter of institutions lie below it, a quarter above).
""")

st.header("Instrument library")
st.caption("The instruments a mapping can name with [[instrument]] (docs/MAPPING.md), and how the dashboard scores "
           "them. Maslach subscales are imported as totals only: their item text is licensed.")
st.dataframe(data.run("instrument_library"), hide_index=True, width="stretch",
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
