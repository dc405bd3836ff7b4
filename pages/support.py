"""Perceived support and every other survey measure: the PEERS items' answers, then any measure (a question, an
instrument's score, the office's own question) by class year, program and attendance band with its answers,
response rates, post-session feedback by topic, and comments."""
import streamlit as st

from peers_dash.charts import build_likert, build_rate_bars
from peers_dash.charts.headings import columns
from peers_dash.ui import read
from peers_dash.ui.measure import choose_measure, choose_show, describe, measure_bars, measure_distribution
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, narrow_to, show_chart, show_comments, \
    show_left_out, with_consortium, with_references

page = start("Perceived support", uses="survey")
items = read.items()
peers_items = items[items["instrument_id"] == "peers"]
BY = {"Class year": ("class_year", "by class year", "class_year"), "Program": ("program", "by program", "program"),
      "Sessions attended": ("attendance_band", "by PEERS sessions attended", None), "Spread of answers": None}

dist = read.survey_distribution(page.filt, tuple(peers_items["item_id"]), [])
labels = list(peers_items["scale_labels"].iloc[0]) if len(peers_items) else []
show_chart(page, build_likert(dist, "short_label", title="How trainees see their PEERS group", labels=labels,
                              subtitle=f"Annual well-being survey, {page.description} · agreement to the right")
           if len(dist) else None, dist, name="PEERS items answer distribution", key="support_likert",
           columns=columns("short_label", "value", "n_responses", "share", value="Answer (1-5)",
                           share="Share giving this answer"),
           empty="No published answers to the PEERS questions in this view.")
show_left_out(page, "survey")

st.header("Results by measure")
measure = choose_measure(help="Every question and score your surveys published: the PEERS items, instrument scores "
                              "(PSS-4, PHQ-9, ...) and your own questions.")
if measure is None:
    st.info("No published survey results in this view.", icon=":material/info:")
else:
    st.caption(describe(measure))
    show = choose_show(measure)
    by = st.segmented_control(  # one chart at a time: a dean reads one question of the data at once
        "By", list(BY), default="Class year", key="support_by", bind="query-params",
        help="Sessions attended: does coming to PEERS go with this answer? Spread: how the answers are spread.") \
        or "Class year"
    if by == "Spread of answers":
        measure_distribution(page, measure, "support_distribution")
    else:
        dim, words, select = BY[by]
        measure_bars(page, measure, show, dim, dim, by, words, f"support_{dim}",
                     narrow_to(select, f"support_{dim}") if select else None)

# The rest of the survey one part at a time: a dean reads one question of the data at once, and a page that
# sends a thousand comments only when asked opens fast.
MORE = ("Who answered", "After each session", "In their own words")
more = st.segmented_control("More from the survey", MORE, default=MORE[0], key="support_more",
                            bind="query-params") or MORE[0]
if more == "Who answered":
    st.header("Who answered")
    rr = read.response_rates(page.filt, ["class_year"])
    rr, rr_beside = with_consortium(page, rr, "response_rates", "class_year", "class_year")
    show_chart(page, with_references(page, build_rate_bars(
                   rr, "class_year", title="Survey response rate by class year", rate="response_rate",
                   n="n_eligible", n_label="eligible", higher_is_better=None, beside=rr_beside), "response_rate"),
               rr, name="Response rate by class year", key="support_response",
               columns=columns("class_year", "n_eligible", "n_responded", "response_rate", "response_rate_lo",
                               "response_rate_hi", *CONSORTIUM_COLUMNS),
               empty="No response rates: the number of people invited is not known for this view.")
elif more == "After each session":
    st.header("Post-session feedback")
    feedback = items[items["instrument_id"] == "feedback"]
    fb = read.survey_items(page.filt, tuple(feedback["item_id"]), ["topic"], wave_kind="post_session")
    show_chart(page, build_rate_bars(fb, "topic", series="short_label", title="Feedback after each session, by topic",
                                     rate="favorable", n="n_rated", n_label="responses"),
               fb, name="Post-session feedback by topic", key="support_feedback",
               columns=columns("topic", "short_label", "n_responses", "favorable", "favorable_lo", "favorable_hi",
                               "mean", mean="Mean (1-5)"),
               empty="No published post-session feedback in this view.")
else:
    st.header("In their own words")
    limit = page.status["min_comment_n"]
    comments = read.comments(page.filt)
    if comments.empty:
        st.info("No published comments in this view.", icon=":material/lock:")
    else:
        st.caption(f"Comments from the {comments['academic_year'].iloc[0]} annual survey, the latest in view (narrow "
                   f"the academic years to read earlier ones). They are shown a whole program's survey at a time, "
                   f"only where at least {limit} people answered it, with no date, class year or group; the cohort "
                   "and class-year filters do not narrow them.")
        show_comments(page, comments)
finish(page)
