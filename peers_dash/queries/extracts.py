"""The datasets of the Extracts page: which query, which columns under which plain names, what each means."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from peers_dash import queries
from peers_dash.charts.headings import MEANINGS, columns
from peers_dash.model.catalog import ANNUAL_ITEMS, FEEDBACK_ITEMS
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import measures



@dataclass(frozen=True)
class Dataset:
    title: str
    description: str
    query: str                      # a name in peers_dash.ui.data's query table
    args: tuple
    columns: dict[str, str]         # result column -> heading (headings.HEADINGS), on screen and in the CSV
    percent: tuple[str, ...] = ()
    kwargs: tuple = ()
    dictionary: dict[str, str] = field(default_factory=lambda: MEANINGS)
    measure: bool = False           # the page asks which survey measure; its key goes first in args

    def __hash__(self) -> int:
        return hash(self.title)




BY = ("year", "program", "class_year")
DATASETS = (
    Dataset("Attendance summary", "Attendance rate per academic year, program and class year.",
            "attendance", (BY,), columns("academic_year", "program", "class_year", "n_people", "n_expected",
                                       "n_present", "n_absent", "n_excused", "rate", "rate_lo", "rate_hi",
                                       "excused_share"),
            ("rate", "rate_lo", "rate_hi", "excused_share")),
    Dataset("Attendance by session", "Attendance rate per academic year, program and curriculum session.",
            "attendance", (("year", "program", "session_number"),),
            columns("academic_year", "program", "session", "n_expected", "n_present", "n_absent", "n_excused", "rate",
                  "rate_lo", "rate_hi"), ("rate", "rate_lo", "rate_hi")),
    Dataset("Reach", "Share of the people expected at sessions who came at least once, per academic year, program "
            "and class year.",
            "reach", (BY,), columns("academic_year", "program", "class_year", "n_people", "n_reached", "reach",
                                  "reach_lo", "reach_hi"), ("reach", "reach_lo", "reach_hi")),
    Dataset("Survey summary", "Annual survey: favourable share and mean per PEERS and burnout question, year, "
            "program, class year.",
            "survey_items", (tuple(ANNUAL_ITEMS), BY),
            columns("academic_year", "program", "class_year", "short_label", "n_responses",
                  "favorable", "favorable_lo", "favorable_hi", "mean", "sd"),
            ("favorable", "favorable_lo", "favorable_hi")),
    *(Dataset(f"{name} scores", f"Annual survey: mean {name.lower()} score ({scale}, complete answers only) per "
              "year, program and class year.", "scale_scores", (instrument, BY),
              columns("academic_year", "program", "class_year", "n_responses", "mean", "mean_lo", "mean_hi", "sd"))
      for name, instrument, scale in (("Stress", "pss4", "PSS-4, 0-16"), ("Loneliness", "ucla3", "UCLA 3-item, 3-9"))),
    Dataset("Survey measure", "Annual survey: any measure (a question, an instrument's score, your own question) "
            "per year, program and class year: its share where it has one, and its mean.",
            "summary", (BY,),
            columns("academic_year", "program", "class_year", "measure", "share_means", "n_responses", "share",
                  "share_lo", "share_hi", "mean", "mean_lo", "mean_hi", "sd"),
            ("share", "share_lo", "share_hi"), measure=True),
    Dataset("Response rates", "Annual survey response rate per academic year, program and cohort.",
            "response_rates", (("year", "program", "cohort"),),
            columns("academic_year", "program", "cohort", "n_eligible", "n_responded", "response_rate"),
            ("response_rate",)),
    Dataset("Post-session feedback", "Feedback after sessions: favourable share per topic and question.",
            "survey_items", (tuple(FEEDBACK_ITEMS), ("topic",)),
            columns("topic", "short_label", "n_responses", "favorable", "favorable_lo", "favorable_hi", "mean"),
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
