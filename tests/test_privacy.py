"""Primary and complementary suppression, and the table behind a chart."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from peers_dash.privacy import PROTECTED, PROTECTED_MARKER, SHOWN, SMALL, STATUS, present, suppress


def frame(ns, by=None):
    df = pd.DataFrame({"cell": [f"c{i}" for i in range(len(ns))], "n": ns, "rate": np.linspace(0.5, 0.9, len(ns))})
    if by is not None:
        df["part"] = by
    return df


def test_cells_under_the_minimum_are_hidden_and_the_next_smallest_protects_them():
    out = suppress(frame([3, 40, 7, 50]), n_col="n", min_n=5, dims=["cell"])
    assert list(out[STATUS]) == [SMALL, SHOWN, PROTECTED, SHOWN]
    assert out.loc[out[STATUS] != SHOWN, ["n", "rate"]].isna().all().all()
    assert list(out["cell"]) == ["c0", "c1", "c2", "c3"]  # labels stay


def test_two_hidden_cells_still_adding_up_to_under_the_minimum_protect_a_third():
    out = suppress(frame([1, 2, 30, 6]), n_col="n", min_n=5, dims=["cell"])
    assert list(out[STATUS]) == [SMALL, SMALL, SHOWN, PROTECTED]


def test_nothing_is_protected_when_no_cell_is_small():
    out = suppress(frame([5, 6, 100]), n_col="n", min_n=5, dims=["cell"])
    assert list(out[STATUS]) == [SHOWN, SHOWN, SHOWN]
    assert list(out["n"]) == [5, 6, 100]


def test_complementary_suppression_works_within_each_breakdown():
    out = suppress(frame([2, 20, 30, 25, 40, 50], by=["a", "a", "a", "b", "b", "b"]), n_col="n", min_n=5, dims=["cell"], within=["part"])
    assert list(out[STATUS]) == [SMALL, PROTECTED, SHOWN, SHOWN, SHOWN, SHOWN]


def test_counting_people_not_rows_the_minimum_is_configurable():
    out = suppress(frame([9, 12, 30]), n_col="n", min_n=10, dims=["cell"])
    assert list(out[STATUS]) == [SMALL, PROTECTED, SHOWN]


def test_every_margin_of_a_two_way_breakdown_is_protected():
    # years x class years; 2019 PGY4 is small. The 2019 total gives it away unless 2019 MS1 hides; the MS1
    # total then gives 2019 MS1 away unless 2020 MS1 hides; and the 2020 total then needs 2020 MS2 hidden.
    df = pd.DataFrame({"year": [2019, 2019, 2020, 2020], "cy": ["MS1", "PGY4", "MS1", "MS2"],
                       "n": [12, 3, 8, 12]})
    out = suppress(df, n_col="n", min_n=5, dims=["year", "cy"])
    assert list(out[STATUS]) == [PROTECTED, SMALL, PROTECTED, PROTECTED]


def test_a_two_way_breakdown_with_room_hides_only_what_it_must():
    df = pd.DataFrame({"year": [2019] * 3 + [2020] * 3, "cy": ["MS1", "MS2", "PGY4"] * 2,
                       "n": [50, 60, 3, 55, 65, 40]})
    out = suppress(df, n_col="n", min_n=5, dims=["year", "cy"])
    assert list(out[STATUS]) == [PROTECTED, SHOWN, SMALL, PROTECTED, SHOWN, PROTECTED]  # a rectangle: 4 is least


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=12), st.integers(2, 11))
def test_no_hidden_cell_can_be_recovered_from_the_total(ns, min_n):
    out = suppress(frame(ns), n_col="n", min_n=min_n, dims=["cell"])
    hidden = [n for n, s in zip(ns, out[STATUS]) if s != SHOWN]
    shown = [n for n, s in zip(ns, out[STATUS]) if s == SHOWN]
    assert all(n >= min_n for n in shown)
    if hidden and shown:  # total - shown = sum of hidden: it must cover two or more cells and N people
        assert len(hidden) >= 2 and sum(hidden) >= min_n


def test_the_table_behind_a_chart_reads_markers_never_blank_or_zero():
    out = suppress(frame([3, 40, 7, 50]), n_col="n", min_n=5, dims=["cell"])
    table = present(out, {"cell": "Cell", "n": "People", "rate": "Rate"}, 5, percent=["rate"], for_screen=True)
    assert list(table["People"]) == ["fewer than 5", "40", PROTECTED_MARKER, "50"]
    assert table["Rate"][1] == "63%"
    raw = present(out, {"cell": "Cell", "rate": "Rate"}, 5)
    assert raw["Rate"][3] == 0.9 and raw["Rate"][0] == "fewer than 5"
