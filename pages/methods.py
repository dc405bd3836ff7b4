"""Methods: every definition in plain words, the privacy rules, and how complete the data is."""
import streamlit as st

from peers_dash.privacy import PROTECTED_MARKER, small_marker
from peers_dash.ui import data
from peers_dash.ui.shell import finish, start

page = start("Methods")
n = page.min_n
status = page.status

st.header("Data completeness")
st.write(f"Data as of **{status['data_as_of']}**: sessions from {status['first_session']} to "
         f"{status['last_session']}. Data version {status['data_version']}, last written {status['last_written']}."
         + (" This is **synthetic demo data**." if status["is_demo"] else ""))
gaps = data.run("completeness")
st.table({"What": list(gaps["what"]), "How many": [f"{v:,}" for v in gaps["n"]]})

st.header("Definitions")
st.markdown("""
- **Attendance rate** = sessions attended ÷ (sessions attended + unexcused absences), over the attendance records
  in view. **Excused absences are left out of the rate** and shown beside it as their own share of all records.
  The people expected at a session are the members of its group enrolled on its date; a Zoom or Teams
  report lists only who came, so every expected member it does not list counts as absent.
- **n** beside a rate is the number of **distinct people** behind it, never the number of records: three people
  at ten sessions are 3, not 30.
- **Reach** = share of people who attended at least one session in view. **Dose** = sessions attended per person.
- **Group continuity** = share of a group's starting members (those expected in its first academic year in view)
  who attended at least one session in a later year. A **fading group** has fewer than half still attending.
- **Favourable** = share answering 4 or 5 (agree or strongly agree) on a 1-5 agree question ("top-2-box"). For
  the burnout questions (0-6, never to every day), favourable means less often than once a week.
- **Scale scores**: PSS-4 perceived stress (4 questions 0-4, questions 2 and 3 reversed, total 0-16) and UCLA
  3-item loneliness (3 questions 1-3, total 3-9), counted only for complete answers. **Lower is better** for
  stress, loneliness and burnout; higher is better for support, community and coping. Every chart says which.
- **Attendance band**: PEERS sessions a respondent had attended when answering (0-3, 4-7, 8-10), fixed when the
  survey is loaded. It lets you ask whether attending goes with feeling supported, without linking answers
  to people.
- **Response rate** = responses ÷ people eligible for the wave.
- **95% intervals**: Wilson score intervals for shares; t intervals for mean scores. They show how much a figure
  could move by chance with this many people.
- **A change** from the previous year is called a change only when the 95% interval of the difference excludes
  zero (Newcombe's interval for a difference of shares, Welch's for a difference of means). Otherwise the
  figures are shown but the difference is too uncertain to call.
""")

st.header("Privacy")
st.markdown(f"""
- No number on any page, chart, table, hover text or download is computed from **fewer than {n} people**
  (distinct people, never records). Such a cell reads **"{small_marker(n)}"**.
- When a hidden cell could be worked out by subtracting the others from a total, the next smallest cells are
  hidden too. They read **"{PROTECTED_MARKER}"**.
- A filtered view is shown only if every view one choice away (a filter cleared, one chosen value dropped,
  the year range a year shorter) covers the same people or at least {n} more or fewer. Otherwise comparing
  the two would single out a few people, and the page says so instead.
- Free-text comments appear only when at least {page.settings.min_comment_n} people answered the annual
  survey in view (and no neighbouring view differs by fewer than that), in random order, with no date or group.
- Survey answers are never linked to participants, groups or session formats: the group and format filters do
  not apply to survey results, and no survey result is shown by group.
- Names and e-mail addresses are never stored in the dashboard's database or shown.
- The minimum is a setting (`PEERS_MIN_CELL_SIZE`, now {n}). The database file itself is not suppressed and is
  for data stewards only.
""")
finish(page)
