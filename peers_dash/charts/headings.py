"""Column headings: what each result column is called wherever it is shown (a chart's table, its CSV, the
Extracts page and its data dictionary), and what it means. One dictionary, so a figure has one name."""
from __future__ import annotations


HEADINGS: dict[str, str] = {
    # what a row is
    "academic_year": "Academic year", "institution": "Institution", "program": "Program",
    "program_kind": "Program kind",
    "cohort": "Cohort", "class_year": "Class year", "session": "Session", "topic": "Topic", "modality": "Format",
    "attendance_band": "Sessions attended", "group": "Group", "short_label": "Question", "measure": "Measure",
    "share_means": "Share counts", "figure": "Figure", "value": "Answer", "answer": "Answer",
    "program_year": "Year of program", "comment": "Comment",
    # attendance
    "n_people": "People", "n_expected": "Expected attendances", "n_present": "Present", "n_absent": "Absent",
    "n_excused": "Excused", "n_counted": "Attendances counted", "rate": "Attendance rate",
    "rate_lo": "Likely from", "rate_hi": "Likely to", "excused_share": "Excused share",
    "n_reached": "Came at least once", "reach": "Reach", "reach_lo": "Likely from",
    "reach_hi": "Likely to", "n_attending": "Still attending", "continuity": "Continuity",
    # survey
    "n_responses": "Responses", "n_answers": "Responses", "n_rated": "Responses", "favorable": "Share agreeing",
    "favorable_lo": "Likely from", "favorable_hi": "Likely to", "share": "Share",
    "share_lo": "Share likely from", "share_hi": "Share likely to", "mean": "Mean",
    "mean_lo": "Mean likely from", "mean_hi": "Mean likely to", "sd": "Standard deviation",
    "n_eligible": "Eligible", "n_responded": "Responded", "response_rate": "Response rate",
    "response_rate_lo": "Likely from", "response_rate_hi": "Likely to",
    # change from the year before
    "change": "Change from the year before", "change_lo": "Change likely from",
    "change_hi": "Change likely to", "changed": "More than chance?",
    # against the whole view (Programs)
    "n": "Counted", "whole": "Whole view", "difference": "Difference from the whole view",
    "lo": "Difference likely from", "hi": "Difference likely to", "real": "More than chance?",
    # the consortium beside
    "consortium": "Consortium", "middle_lo": "Consortium middle half from", "middle_hi": "Consortium middle half to",
    "n_institutions": "Other institutions in the middle half",
}

# Shares: '76%' on screen, 76.0 under a heading ending in '(%)' in a CSV.
PERCENT = frozenset({
    "rate", "rate_lo", "rate_hi", "excused_share", "reach", "reach_lo", "reach_hi", "continuity", "favorable",
    "favorable_lo", "favorable_hi", "share", "share_lo", "share_hi", "response_rate", "response_rate_lo",
    "response_rate_hi", "whole", "difference", "lo", "hi", "consortium", "middle_lo", "middle_hi",
})

MEANINGS: dict[str, str] = {
    "academic_year": "Academic year, July to June. '(to date)': the year under way, not a whole year.",
    "institution": "School or hospital.",
    "program": "MD, residency, fellowship or PhD program.",
    "cohort": "Entering class, named by its graduation year.",
    "class_year": "Year of training at the time: MS1-MS4, PGY1-PGY7, G1-G6. 'Other (small groups combined)': "
                  "class years too small to show alone, added up.",
    "session": "Curriculum session, 1 to 10 ('Other (small groups combined)': sessions of single groups, added up).",
    "topic": "Curriculum topic of the session.",
    "short_label": "The survey question, shortened.",
    "n_people": "People expected at sessions, each counted once an academic year (several years add up).",
    "n_expected": "Attendances expected: present + absent + excused.",
    "n_present": "Attendances marked present.",
    "n_absent": "Attendances marked absent (not excused).",
    "n_excused": "Attendances marked excused.",
    "rate": "Attendance rate: present ÷ (present + absent). Excused absences are left out.",
    "rate_lo": "Where the attendance rate likely lies, from (the low end of its 95% interval).",
    "rate_hi": "Where the attendance rate likely lies, to (the high end of its 95% interval).",
    "excused_share": "Excused ÷ all attendances expected.",
    "n_reached": "People who came to at least one session in the academic year.",
    "reach": "Share of people expected who came to at least one session.",
    "reach_lo": "The low end of the reach's 95% interval.",
    "reach_hi": "The high end of the reach's 95% interval.",
    "n_responses": "Responses to the question (one per person per survey wave).",
    "favorable": "Share answering agree or strongly agree (4 or 5 of 5).",
    "favorable_lo": "The low end of the share's 95% interval.",
    "favorable_hi": "The high end of the share's 95% interval.",
    "mean": "Mean answer or score.",
    "sd": "Standard deviation: how spread the answers are around the mean.",
    "mean_lo": "The low end of the mean's 95% interval.",
    "mean_hi": "The high end of the mean's 95% interval.",
    "measure": "The survey measure: a question, or an instrument's score (complete answers only).",
    "share_means": "Which respondents the share counts: agree, yes, or the side of the instrument's published "
                   "cut-off (e.g. PHQ-9 10 or more).",
    "share": "Share of respondents the share counts (see Share counts).",
    "share_lo": "The low end of the share's 95% interval.",
    "share_hi": "The high end of the share's 95% interval.",
    "n_eligible": "People invited to the survey.",
    "n_responded": "Responses received.",
    "response_rate": "Responses ÷ eligible people.",
    "response_rate_lo": "The low end of the response rate's 95% interval.",
    "response_rate_hi": "The high end of the response rate's 95% interval.",
}


def columns(*names: str, **renamed: str) -> dict[str, str]:
    """{column: heading} for these columns in this order; `renamed` overrides a heading for one view
    (a measure's own share, 'Members expected' on the Groups page)."""
    return {n: renamed.get(n, HEADINGS[n]) for n in names}


def percent_of(cols: dict[str, str] | tuple[str, ...]) -> tuple[str, ...]:
    """Which of these columns are shares."""
    return tuple(c for c in cols if c in PERCENT)
