"""The datasets of the Extracts page: which query, which columns under which plain names, what each means."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from peers_dash import measures, queries
from peers_dash.catalog import ANNUAL_ITEMS, FEEDBACK_ITEMS
from peers_dash.filters import CohortFilter

DICTIONARY = {
    "academic_year": "Academic year, July to June.",
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
    "rate_lo": "Lower end of the 95% Wilson interval of the rate.",
    "rate_hi": "Upper end of the 95% Wilson interval of the rate.",
    "excused_share": "Excused ÷ all attendances expected.",
    "n_reached": "People who attended at least one session in the academic year.",
    "reach": "Share of people expected who attended at least one session.",
    "n_responses": "Responses to the question (one per person per survey wave).",
    "favorable": "Favourable share (top-2-box on a 1-5 agree item).",
    "favorable_lo": "Lower end of the 95% Wilson interval of the favourable share.",
    "favorable_hi": "Upper end of the 95% Wilson interval of the favourable share.",
    "mean": "Mean answer or score.",
    "sd": "Standard deviation.",
    "mean_lo": "Lower end of the 95% t interval of the mean.",
    "mean_hi": "Upper end of the 95% t interval of the mean.",
    "measure": "The survey measure: a question, or an instrument's score (complete answers only).",
    "share_means": "Which respondents the share counts: the favourable answers, yes, or the side of the "
                   "instrument's published cut-off (e.g. PHQ-9 10 or more).",
    "share": "Share of respondents the share counts (see share_means).",
    "share_lo": "Lower end of the 95% Wilson interval of the share.",
    "share_hi": "Upper end of the 95% Wilson interval of the share.",
    "n_eligible": "People invited to the survey.",
    "n_responded": "Responses received.",
    "response_rate": "Responses ÷ eligible people.",
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
    measure: bool = False           # the page asks which survey measure; its key goes first in args

    def __hash__(self) -> int:
        return hash(self.title)


def _cols(*names: str) -> dict[str, str]:
    headers = {"academic_year": "academic_year", "short_label": "question"}
    return {n: headers.get(n, n) for n in names}


BY = ("year", "program", "class_year")
DATASETS = (
    Dataset("Attendance summary", "Attendance rate per academic year, program and class year.",
            "attendance", (BY,), _cols("academic_year", "program", "class_year", "n_people", "n_expected",
                                       "n_present", "n_absent", "n_excused", "rate", "rate_lo", "rate_hi",
                                       "excused_share"),
            ("rate", "rate_lo", "rate_hi", "excused_share")),
    Dataset("Attendance by session", "Attendance rate per academic year, program and curriculum session.",
            "attendance", (("year", "program", "session_number"),),
            _cols("academic_year", "program", "session", "n_expected", "n_present", "n_absent", "n_excused", "rate",
                  "rate_lo", "rate_hi"), ("rate", "rate_lo", "rate_hi")),
    Dataset("Reach", "Share of the people expected at sessions who came at least once, per academic year, program "
            "and class year.",
            "reach", (BY,), _cols("academic_year", "program", "class_year", "n_people", "n_reached", "reach",
                                  "reach_lo", "reach_hi"), ("reach", "reach_lo", "reach_hi")),
    Dataset("Survey summary", "Annual survey: favourable share and mean per PEERS and burnout question, year, "
            "program, class year.",
            "survey_items", (tuple(ANNUAL_ITEMS), BY),
            _cols("academic_year", "program", "class_year", "short_label", "n_responses",
                  "favorable", "favorable_lo", "favorable_hi", "mean", "sd"),
            ("favorable", "favorable_lo", "favorable_hi")),
    *(Dataset(f"{name} scores", f"Annual survey: mean {name.lower()} score ({scale}, complete answers only) per "
              "year, program and class year.", "scale_scores", (instrument, BY),
              _cols("academic_year", "program", "class_year", "n_responses", "mean", "mean_lo", "mean_hi", "sd"))
      for name, instrument, scale in (("Stress", "pss4", "PSS-4, 0-16"), ("Loneliness", "ucla3", "UCLA 3-item, 3-9"))),
    Dataset("Survey measure", "Annual survey: any measure (a question, an instrument's score, your own question) "
            "per year, program and class year: its share where it has one, and its mean.",
            "summary", (BY,),
            _cols("academic_year", "program", "class_year", "measure", "share_means", "n_responses", "share",
                  "share_lo", "share_hi", "mean", "mean_lo", "mean_hi", "sd"),
            ("share", "share_lo", "share_hi"), measure=True),
    Dataset("Response rates", "Annual survey response rate per academic year, program and cohort.",
            "response_rates", (("year", "program", "cohort"),),
            _cols("academic_year", "program", "cohort", "n_eligible", "n_responded", "response_rate"),
            ("response_rate",)),
    Dataset("Post-session feedback", "Feedback after sessions: favourable share per topic and question.",
            "survey_items", (tuple(FEEDBACK_ITEMS), ("topic",)),
            _cols("topic", "short_label", "n_responses", "favorable", "favorable_lo", "favorable_hi", "mean"),
            ("favorable", "favorable_lo", "favorable_hi"), kwargs=(("wave_kind", "post_session"),)),
)


def compute(con: duckdb.DuckDBPyConnection, filt: CohortFilter, title: str, measure: str | None = None) -> pd.DataFrame:
    """The rows of the dataset called `title` (for a measure dataset, of the measure with this key, which the
    rows name)."""
    ds = next(d for d in DATASETS if d.title == title)
    if not ds.measure:
        return getattr(queries, ds.query)(con, filt, *ds.args, **dict(ds.kwargs))
    m = measures.measure_of(con, measure or "")
    if m is None:
        return pd.DataFrame()
    df = getattr(measures, ds.query)(con, filt, m.key, *ds.args, **dict(ds.kwargs))
    return df.assign(measure=m.label, share_means=m.share_label or "no share: see the mean")
