"""The exact bytes of an extract on the fixture (checked by hand against tests/fixture_db.py): everyone's
summary equals the MD's, because the fellowship (three people) and the MD Class of 2024 (one group) are left
out, with no row at all."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from peers_dash import queries
from peers_dash.charts import export
from peers_dash.model.filters import CohortFilter
from peers_dash.privacy import present
from peers_dash.queries.extracts import DATASETS

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name,filt", [("attendance_summary_md.csv", CohortFilter(programs=(1,))),
                                       ("attendance_summary_everyone.csv", CohortFilter())])
def test_attendance_summary_extract_matches_its_golden_bytes(con, name, filt):
    dataset = DATASETS[0]
    assert dataset.title == "Attendance summary"
    df = queries.attendance(con, filt, *dataset.args)
    assert export.to_csv_bytes(present(df, dataset.columns, dataset.percent)) == (GOLDEN / name).read_bytes()


@pytest.mark.parametrize("dataset", DATASETS[:4], ids=lambda d: d.title)
def test_a_csv_holds_the_rows_and_headings_the_screen_shows_with_shares_as_percentages(con, dataset):
    df = getattr(queries, dataset.query)(con, CohortFilter(), *dataset.args, **dict(dataset.kwargs))
    screen = present(df, dataset.columns, dataset.percent, for_screen=True)
    sheet = present(df, dataset.columns, dataset.percent)
    assert [h.removesuffix(" (%)") for h in sheet.columns] == list(screen.columns)  # the same headings
    assert all(h.endswith(" (%)") == (c in dataset.percent) for c, h in zip(dataset.columns, sheet.columns))
    assert len(sheet) == len(screen) > 0
    for col, heading in zip(dataset.columns, screen.columns):
        if col in dataset.percent:  # 81.8 in the file is "82%" on screen
            shown = [f"{v / 100:.0%}" if v == v else "" for v in sheet[f"{heading} (%)"]]
            assert shown == list(screen[heading])
        elif not pd.api.types.is_numeric_dtype(sheet[heading]):
            assert list(sheet[heading]) == list(screen[heading])


def test_a_downloaded_table_says_what_it_shows():
    table = pd.DataFrame({"Program": ["MD"], "Attendance rate (%)": [81.8]})
    out = export.with_view(table, "MD; 2025-26", "2026-11-15")
    assert list(out.columns) == ["Program", "Attendance rate (%)", "Showing", "Data as of"]
    assert out.iloc[0].tolist() == ["MD", 81.8, "MD; 2025-26", "2026-11-15"]
