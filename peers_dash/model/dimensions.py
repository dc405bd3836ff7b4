"""The one table of dimensions: what the dashboard can filter by and break figures down by.

Each row says, once, what a dimension is called (sidebar, describing words, chart axes, CSV headers), which
column of the published tables holds it, whether survey results and people counts have it, how its values are
named (ids get labels from sql/queries/labels/<key>.sql; a fixed code gets its words here), and which field of the
cohort filter holds what is chosen. The filter's SQL (filters.CohortFilter.where), its words (describe), the
sidebar (ui/shell), the breakdowns and the names beside ids in every result (queries) all read this table: a
new filter such as campus is one row here, its labels or options query, and the column in the data.

datasette's filters (one row per filter: key, words, SQL) and its facets' value/label pairs are the model.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Values = Literal["id", "code", "text", "range"]

MODALITY_LABELS = {"in_person": "in person", "virtual": "virtual", "hybrid": "hybrid"}
KIND_LABELS = {"md": "MD", "residency": "Residency", "fellowship": "Fellowship", "graduate": "PhD and graduate"}
CLASS_YEAR_KINDS = (("MS", "MD"), ("PGY", "Residency"), ("G", "PhD"))  # a class year's prefix: its kind of program


def class_year_kind(label: object) -> str:
    """'MS2' -> 'MD', 'PGY3' -> 'Residency', 'G1' -> 'PhD'; '' for anything else (combined cells)."""
    text = str(label)
    for prefix, kind in CLASS_YEAR_KINDS:
        if text.startswith(prefix) and text[len(prefix):].isdigit():
            return kind
    return ""


@dataclass(frozen=True)
class Dimension:
    """One dimension of the published cells."""

    key: str                 # breakdown name, sidebar widget and URL key: 'program'
    column: str              # its column in the published tables and fact views: 'program_id'
    words: str               # what the page calls it: 'Program'
    field: str | None = None  # the CohortFilter field holding chosen values ('programs'); None: breakdown only
    values: Values = "code"  # id: integer ids named by sql/queries/labels/<key>.sql; code: fixed codes named by
    #                          `names`; text: the value is its own name; range: academic years (from, to)
    names: tuple[tuple[str, str], ...] = ()  # code -> words, for values = 'code'
    name_column: str = ""    # the column of names added beside the values in a result ('' : the key itself)
    attendance: bool = True  # attendance figures have it
    survey: bool = True      # survey results have it (answers are never linked to groups or session formats)
    people: bool = True      # people (reach, trainees) are counted at this grain
    help: str = ""           # the sidebar's help text
    options_cap: int = 0     # a list longer than this waits for the dimensions above to narrow it (0: no cap)
    needs: str = "viewer"    # the role that may filter by it (groups are analysts' views)
    url_key: str = ""        # its key in a shared link when not `key` (the year range is 'years')
    single: bool = True      # drawn when it offers one value (False: only when there is a choice)
    listed: bool = False     # its values are the table's `names` (no lookup); else sql/queries/options/<key>.sql
    #                          lists them

    @property
    def url(self) -> str:
        return self.url_key or self.key

    @property
    def label_column(self) -> str:
        return self.name_column or self.key

    def name_of(self, value: object) -> str:
        """Words for one code (values = 'code'); the value itself otherwise."""
        return dict(self.names).get(str(value), str(value)) if self.values == "code" else str(value)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("institution", "institution_id", "Institution", "institutions", "id", single=False,
              help="Schools or hospitals to include."),
    Dimension("program_kind", "program_kind", "Program kind", "program_kinds", "code", tuple(KIND_LABELS.items()),
              single=False,
              help="MD, residency, fellowship or PhD: what the consortium figure compares like with like."),
    Dimension("program", "program_id", "Program", "programs", "id", options_cap=300,
              help="MD, residencies, fellowships and PhD programs."),
    Dimension("cohort", "cohort_id", "Cohort (graduating class)", "cohorts", "id", options_cap=300,
              help="An entering class, named by its graduation year."),
    Dimension("class_year", "class_year", "Class year", "class_years", "text",
              help="Year of training at the time: MS1-MS4, PGY1-PGY7, G1-G6."),
    Dimension("year", "ay", "Academic years", None, "range", name_column="academic_year",
              help="July to June. Pages open on the latest complete year; charts over the years show every year "
                   "until you choose a range here.",
              url_key="years"),
    Dimension("modality", "modality", "Session format", "modalities", "code", tuple(MODALITY_LABELS.items()),
              listed=True, survey=False, people=False, help="In person, virtual or hybrid sessions. Attendance only."),
    Dimension("group", "group_id", "Group", "groups", "id", survey=False, needs="analyst",
              help="PEERS small groups of the chosen cohort. Attendance only."),
    Dimension("session_number", "session_number", "Session", name_column="session", values="text", people=False),
    Dimension("topic", "topic", "Topic", values="text", people=False),
    Dimension("attendance_band", "attendance_band", "Sessions attended", values="text", attendance=False,
              people=False),
)
BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}
FILTERS: tuple[Dimension, ...] = tuple(d for d in DIMENSIONS if d.field or d.values == "range")
# The dimensions that belong to one institution: a consortium figure drops them and keeps the rest.
OWN_TO_INSTITUTION = ("institution", "program", "cohort", "group")


def dimension(key: str) -> Dimension:
    try:
        return BY_KEY[key]
    except KeyError:
        raise ValueError(f"no dimension named {key!r}") from None
