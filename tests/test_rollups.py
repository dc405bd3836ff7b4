"""The pre-computed tables give exactly what the detail gives, and a page never mixes two data versions."""
from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from peers_dash import queries
from peers_dash.db import open_readonly
from peers_dash.filters import CohortFilter
from peers_dash.writer import writing
from tests.small_groups import build_small_groups
from tests.test_app import APP


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    con = open_readonly(build_small_groups(tmp_path_factory.mktemp("roll") / "small.duckdb"))
    yield con
    con.close()


@pytest.mark.parametrize("by", [["class_year"], ["program", "year"], ["cohort", "group"], ["institution"], []])
@pytest.mark.parametrize("filt", [CohortFilter(), CohortFilter(programs=(1, 2), year_from=2020),
                                  CohortFilter(class_years=("MS2", "PGY1"))])
def test_the_person_year_rollup_gives_the_same_counts_as_every_record(small, by, filt):
    where, params = filt.where("attendance")
    sources = queries.ATTENDANCE_SOURCES
    detail = small.execute(queries.render_sql("attendance_breakdown", by, where, sources["records"]), params).df()
    rollup = small.execute(queries.render_sql("attendance_breakdown", by, where, sources["person_year"]), params).df()
    cols = list(detail.columns)
    pd.testing.assert_frame_equal(detail.sort_values(cols).reset_index(drop=True),
                                  rollup[cols].sort_values(cols).reset_index(drop=True), check_dtype=False)


def test_the_answer_rollup_gives_the_same_favourability_as_every_answer(small):
    got = queries.survey_items(small, CohortFilter(), ["peers_space"], ["class_year"], 1)
    expected = small.execute(
        "SELECT class_year, count(*) AS n, count(*) FILTER (WHERE value >= 4) AS fav, avg(value) AS mean, "
        "stddev_samp(value) AS sd FROM answer_facts WHERE item_id = 'peers_space' GROUP BY ALL").df()
    merged = got.merge(expected, on="class_year")
    assert len(merged) == len(expected) > 3
    assert (merged["n_people"] == merged["n"]).all() and (merged["n_favorable"] == merged["fav"]).all()
    assert merged["mean_x"].values == pytest.approx(merged["mean_y"].values)
    assert merged["sd_x"].values == pytest.approx(merged["sd_y"].values, nan_ok=True)


def test_a_page_computed_while_an_import_swaps_the_file_shows_one_version(fixture_path, tmp_path, monkeypatch):
    from peers_dash.ui import data

    db = tmp_path / "live.duckdb"
    db.write_bytes(fixture_path.read_bytes())
    monkeypatch.setenv("PEERS_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    original = data._FUNCTIONS["attendance"]
    swapped = []

    def swap_then_query(con, *args, **kwargs):
        if not swapped:  # an import lands in the middle of the page
            with writing(db) as w:
                w.execute("INSERT INTO institutions VALUES (7, 'Swapped in')")
            swapped.append(True)
        return original(con, *args, **kwargs)

    monkeypatch.setitem(data._FUNCTIONS, "attendance", swap_then_query)
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.switch_page("pages/participation.py")
        at.run()
        assert swapped and not at.exception
        text = " ".join(c.value for c in at.caption)
        assert "(version 1)" in text and "Computed from data version 1." in text
        at = AppTest.from_file(APP, default_timeout=60).run()  # the next run sees the new file
        assert "Computed from data version 2." in " ".join(c.value for c in at.caption)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def _tables(db):
    con = open_readonly(db)
    try:
        return {t: con.execute("SELECT count(*), sum(hash(x)) FROM " + t + " x").fetchall()[0]
                for t in ("attendance_facts", "person_year", "group_year", "completeness_facts")}
    finally:
        con.close()


def test_the_incremental_refresh_after_an_attendance_import_equals_a_full_rebuild(template_school, tmp_path):
    from peers_dash.ingest.pipeline import Request, run_import
    from peers_dash.ingest.templates import template_csv

    for sheet in (template_csv("signin"), template_csv("signin").replace(b",absent,", b",present,")):
        assert run_import(template_school, Request("attendance", [("s.csv", sheet)])).applied
    incremental = _tables(template_school)
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(template_school.read_bytes())
    with writing(copy):  # no attendance import in this write: every rollup is rebuilt from scratch
        pass
    assert _tables(copy) == incremental
    assert incremental["attendance_facts"][0] == 12
