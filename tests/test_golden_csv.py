"""The exact bytes of an extract on the fixture (checked by hand against tests/fixture_db.py): everyone's
summary equals the MD's, because the fellowship (three people) and the MD Class of 2024 (one group) are left
out, with no row at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from peers_dash import export, queries
from peers_dash.extracts import DATASETS
from peers_dash.filters import CohortFilter
from peers_dash.privacy import present

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name,filt", [("attendance_summary_md.csv", CohortFilter(programs=(1,))),
                                       ("attendance_summary_everyone.csv", CohortFilter())])
def test_attendance_summary_extract_matches_its_golden_bytes(con, name, filt):
    dataset = DATASETS[0]
    assert dataset.title == "Attendance summary"
    df = queries.attendance(con, filt, *dataset.args)
    assert export.to_csv_bytes(present(df, dataset.columns, dataset.percent)) == (GOLDEN / name).read_bytes()
