"""The datasets of the Extracts page: which query, which columns under which plain names, what each means."""
from __future__ import annotations

from dataclasses import dataclass, field

from peers_dash.catalog import ANNUAL_ITEMS, FEEDBACK_ITEMS

DICTIONARY = {
    "academic_year": "Academic year, July to June.",
    "institution": "School or hospital.",
    "program": "MD, residency, fellowship or PhD program.",
    "cohort": "Entering class, named by its graduation year.",
    "class_year": "Year of training at the time: MS1-MS4, PGY1-PGY7, G1-G6.",
    "session": "Curriculum session, 1 to 10.",
    "topic": "Curriculum topic of the session.",
    "short_label": "The survey question, shortened.",
    "n_people": "Distinct people behind the row (participants or respondents).",
    "n_present": "Attendance records marked present.",
    "n_absent": "Attendance records marked absent (not excused).",
    "n_excused": "Attendance records marked excused.",
    "rate": "Attendance rate: present ÷ (present + absent). Excused absences are left out.",
    "rate_lo": "Lower end of the 95% Wilson interval of the rate.",
    "rate_hi": "Upper end of the 95% Wilson interval of the rate.",
    "excused_share": "Excused ÷ all attendance records.",
    "n_reached": "People who attended at least one session.",
    "reach": "Share of people who attended at least one session.",
    "dose": "Sessions attended per person.",
    "offered": "Sessions each person was expected at.",
    "n_favorable": "Answers in the favourable band (e.g. agree or strongly agree).",
    "n_rated": "Answers to the question.",
    "favorable": "Favourable share (top-2-box on a 1-5 agree item).",
    "favorable_lo": "Lower end of the 95% Wilson interval of the favourable share.",
    "favorable_hi": "Upper end of the 95% Wilson interval of the favourable share.",
    "mean": "Mean answer or score.",
    "sd": "Standard deviation.",
    "mean_lo": "Lower end of the 95% t interval of the mean.",
    "mean_hi": "Upper end of the 95% t interval of the mean.",
    "n_eligible": "People invited to the survey.",
    "n_responded": "Responses received.",
    "response_rate": "Responses ÷ eligible people.",
    "privacy": "shown, or why the row's numbers are hidden: 'small' (fewer than the minimum number of people) "
               "or 'protected' (hidden so a small row cannot be worked out from a total).",
}


@dataclass(frozen=True)
class Dataset:
    title: str
    description: str
    query: str                      # a name in peers_dash.ui.data's query table
    args: tuple
    columns: dict[str, str]         # result column -> CSV header
    percent: tuple[str, ...] = ()
    kwargs: tuple = ()
    dictionary: dict[str, str] = field(default_factory=lambda: DICTIONARY)

    def __hash__(self) -> int:
        return hash(self.title)


def _cols(*names: str) -> dict[str, str]:
    headers = {"academic_year": "academic_year", "short_label": "question"}
    return {n: headers.get(n, n) for n in names}


BY = ("year", "program", "class_year")
DATASETS = (
    Dataset("Attendance summary", "Attendance rate per academic year, program and class year.",
            "attendance", (BY,), _cols("academic_year", "program", "class_year", "n_people", "n_present", "n_absent",
                                       "n_excused", "rate", "rate_lo", "rate_hi", "excused_share", "privacy"),
            ("rate", "rate_lo", "rate_hi", "excused_share")),
    Dataset("Attendance by session", "Attendance rate per academic year, program and curriculum session.",
            "attendance", (("year", "program", "session_number"),),
            _cols("academic_year", "program", "session", "n_people", "n_present", "n_absent", "n_excused", "rate",
                  "rate_lo", "rate_hi", "privacy"), ("rate", "rate_lo", "rate_hi")),
    Dataset("Reach and dose", "Share who came at least once and sessions attended per person.",
            "reach_dose", (BY,), _cols("academic_year", "program", "class_year", "n_people", "n_reached", "reach",
                                       "dose", "offered", "privacy"), ("reach",)),
    Dataset("Survey summary", "Annual survey: favourable share and mean per question, year, program, class year.",
            "survey_items", (tuple(ANNUAL_ITEMS), BY),
            _cols("academic_year", "program", "class_year", "short_label", "n_people",
                  "favorable", "favorable_lo", "favorable_hi", "mean", "sd", "privacy"),
            ("favorable", "favorable_lo", "favorable_hi")),
    Dataset("Response rates", "Annual survey response rate per academic year, program and cohort.",
            "response_rates", (("year", "program", "cohort"),),
            _cols("academic_year", "program", "cohort", "n_eligible", "n_responded", "response_rate", "privacy"),
            ("response_rate",)),
    Dataset("Post-session feedback", "Feedback after sessions: favourable share per topic and question.",
            "survey_items", (tuple(FEEDBACK_ITEMS), ("topic",)),
            _cols("topic", "short_label", "n_people", "favorable", "favorable_lo", "favorable_hi",
                  "mean", "privacy"), ("favorable", "favorable_lo", "favorable_hi"),
            kwargs=(("wave_kind", "post_session"),)),
)
