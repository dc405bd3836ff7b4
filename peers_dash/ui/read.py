"""Every query a page makes, each with its signature: cached by its arguments and the data version, and narrowed
to the institutions the person may see (peers_dash.ui.data.run). The functions they call are plain Python in
peers_dash (queries, measures, lookups, ...), tested without a server; a page never names a query as text."""
from __future__ import annotations

from datetime import date
from typing import Sequence

import pandas as pd

from peers_dash import queries
from peers_dash.model import catalog
from peers_dash.model.filters import CohortFilter, Kind
from peers_dash.queries import changes, consortium as consortium_figures, extracts, lookups, measures as survey, \
    overview, references, themes
from peers_dash.queries.measures import Measure
from peers_dash.queries.overview import Metric
from peers_dash.ui.data import run

# ---- what the sidebar offers, and the database's own facts -------------------------------------------------


def options(key: str, filt: CohortFilter) -> pd.DataFrame:
    """What the sidebar offers for one dimension: value and label (lookups.options)."""
    return run(lookups.options, key, filt)


def option_count(key: str, filt: CohortFilter) -> int:
    return run(lookups.option_count, key, filt)


def program_kinds(filt: CohortFilter) -> tuple[str, ...]:
    return run(lookups.program_kinds, filt)


def institution_ids(names: Sequence[str]) -> dict[str, int]:
    return run(lookups.institution_ids, tuple(names))


def data_status() -> dict[str, object]:
    return run(lookups.data_status)


def describe(filt: CohortFilter) -> str:
    return run(lookups.describe, filt)


def items() -> pd.DataFrame:
    return run(lookups.items)


def academic_years() -> list[int]:
    return run(lookups.academic_years)


def sessions_of_group(group_id: int) -> pd.DataFrame:
    return run(lookups.sessions_of_group, group_id)


def import_history() -> pd.DataFrame:
    return run(lookups.import_history)


def completeness() -> pd.DataFrame:
    return run(queries.completeness)


def instrument_library() -> pd.DataFrame:
    """The instruments a mapping can name (no database: the package's own catalogue)."""
    return catalog.library_table()


# ---- attendance -------------------------------------------------------------------------------------------------


def attendance(filt: CohortFilter, by: Sequence[str]) -> pd.DataFrame:
    return run(queries.attendance, filt, tuple(by))


def reach(filt: CohortFilter, by: Sequence[str]) -> pd.DataFrame:
    return run(queries.reach, filt, tuple(by))


def group_continuity(filt: CohortFilter) -> pd.DataFrame:
    return run(queries.group_continuity, filt)


def headline(filt: CohortFilter, min_n: int, today: date) -> tuple[int | None, list[Metric]]:
    return run(overview.headline, filt, min_n, today=today)


def left_out(filt: CohortFilter, kind: Kind) -> int:
    return run(queries.left_out, filt, kind)


# ---- surveys ----------------------------------------------------------------------------------------------------


def survey_items(filt: CohortFilter, item_ids: Sequence[str], by: Sequence[str],
                 wave_kind: str = "annual") -> pd.DataFrame:
    return run(queries.survey_items, filt, tuple(item_ids), tuple(by), wave_kind=wave_kind)


def survey_distribution(filt: CohortFilter, item_ids: Sequence[str], by: Sequence[str]) -> pd.DataFrame:
    return run(queries.survey_distribution, filt, tuple(item_ids), tuple(by))


def response_rates(filt: CohortFilter, by: Sequence[str]) -> pd.DataFrame:
    return run(queries.response_rates, filt, tuple(by))


def comments(filt: CohortFilter) -> pd.DataFrame:
    """The published comments of the latest annual survey in view, each with its themes."""
    return run(themes.themed, filt)


def measures(wave_kind: str, filt: CohortFilter) -> list[Measure]:
    """Every measure with published results in the view's institutions."""
    return run(survey.in_view, wave_kind, filt)


def measure_summary(filt: CohortFilter, m: Measure, by: Sequence[str]) -> pd.DataFrame:
    return run(survey.summary, filt, m, tuple(by))


def measure_distribution(filt: CohortFilter, m: Measure) -> pd.DataFrame:
    return run(survey.distribution, filt, m)


def measure_trend(filt: CohortFilter, m: Measure, by: Sequence[str], show: str) -> pd.DataFrame:
    return run(survey.trend, filt, m, tuple(by), show)


# ---- beside the figures -------------------------------------------------------------------------------------------


def consortium_ready() -> bool:
    return run(consortium_figures.ready)


def consortium(figure: str, filt: CohortFilter, by: Sequence[str], *args, exclude: Sequence[int] = ()) -> pd.DataFrame:
    """The consortium's figure beside a view (consortium.beside)."""
    return run(consortium_figures.beside, figure, filt, tuple(by), *args, exclude=tuple(exclude))


def program_changes(filt: CohortFilter) -> pd.DataFrame:
    return run(changes.in_view, filt)


def reference_lines(filt: CohortFilter) -> pd.DataFrame:
    return run(references.in_view, filt)


def extract(filt: CohortFilter, title: str, measure_key: str | None) -> pd.DataFrame:
    return run(extracts.compute, filt, title, measure_key)
