"""Perceived support and every other survey measure: the PEERS items' answers, then any measure (a question, an
instrument's score, the office's own question) by class year, program and attendance band with its answers,
response rates, post-session feedback by topic, and comments."""
import streamlit as st

from peers_dash.charts import build_likert, build_rate_bars
from peers_dash.ui import data
from peers_dash.ui.measure import choose_measure, choose_show, describe, measure_bars, measure_distribution
from peers_dash.ui.shell import finish, start
from peers_dash.ui.widgets import CONSORTIUM_COLUMNS, CONSORTIUM_PERCENT, narrow_to, show_chart, show_comments, \
    show_left_out, with_consortium

page = start("Perceived support", uses="survey")
items = data.run("items")
peers_items = items[items["instrument_id"] == "peers"]
FAV_COLUMNS = {"n_responses": "Responses", "favorable": "Favourable",
               "favorable_lo": "95% CI low", "favorable_hi": "95% CI high", "mean": "Mean (1-5)"}
FAV_PERCENT = ["favorable", "favorable_lo", "favorable_hi"]

dist = data.run("survey_distribution", page.filt, tuple(peers_items["item_id"]), [])
labels = list(peers_items["scale_labels"].iloc[0]) if len(peers_items) else []
show_chart(page, build_likert(dist, "short_label", title="How trainees see their PEERS group", labels=labels,
                              subtitle="Annual well-being survey, all years in view · agreement to the right")
           if len(dist) else None, dist, name="PEERS items answer distribution", key="support_likert",
           columns={"short_label": "Question", "value": "Answer (1-5)", "n_responses": "Responses",
                    "share": "Share giving this answer"}, percent=["share"],
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
    left, right = st.columns(2)
    with left:
        measure_bars(page, measure, show, "class_year", "class_year", "Class year", "by class year",
                     "support_class_year", narrow_to("class_year", "support_class_year"))
    with right:
        measure_bars(page, measure, show, "program", "program", "Program", "by program", "support_program",
                     narrow_to("program", "support_program"))
    left, right = st.columns(2)
    with left:
        measure_bars(page, measure, show, "attendance_band", "attendance_band", "Sessions attended",
                     "by PEERS sessions attended", "support_band")
    with right:
        measure_distribution(page, measure, "support_distribution")

st.header("Who answered")
rr = data.run("response_rates", page.filt, ["class_year"])
rr, rr_beside = with_consortium(page, rr, "response_rates", "class_year", "class_year")
show_chart(page, build_rate_bars(rr, "class_year", title="Survey response rate by class year",
                                 rate="response_rate", n="n_eligible", n_label="eligible",
                                 higher_is_better=None, beside=rr_beside),
           rr, name="Response rate by class year", key="support_response",
           columns={"class_year": "Class year", "n_eligible": "Eligible", "n_responded": "Responded",
                    "response_rate": "Response rate", "response_rate_lo": "95% CI low",
                    "response_rate_hi": "95% CI high", **CONSORTIUM_COLUMNS},
           percent=["response_rate", "response_rate_lo", "response_rate_hi", *CONSORTIUM_PERCENT],
           empty="No response rates: the number of people invited is not known for this view.")

st.header("Post-session feedback")
feedback = items[items["instrument_id"] == "feedback"]
fb = data.run("survey_items", page.filt, tuple(feedback["item_id"]), ["topic"], wave_kind="post_session")
show_chart(page, build_rate_bars(fb, "topic", series="short_label", title="Feedback after each session, by topic",
                                 rate="favorable", n="n_rated", n_label="responses"),
           fb, name="Post-session feedback by topic", key="support_feedback",
           columns={"topic": "Topic", "short_label": "Question", **FAV_COLUMNS}, percent=FAV_PERCENT,
           empty="No published post-session feedback in this view.")

st.header("In their own words")
limit = page.status["min_comment_n"]
comments = data.run("comments", page.filt)
if comments.empty:
    st.info("No published comments in this view.", icon=":material/lock:")
else:
    st.caption(f"Comments from the {comments['academic_year'].iloc[0]} annual survey, the latest in view (narrow the "
               f"academic years to read earlier ones). They are shown a whole program's survey at a time, only where "
               f"at least {limit} people answered it, with no date, class year or group; the cohort and class-year "
               "filters do not narrow them.")
    show_comments(page, comments)
finish(page)
