"""The published tables give exactly what the detail gives where nothing is small, the incremental refresh
equals a full one, and a page never mixes two data versions."""
from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from peers_dash import queries
from peers_dash.model.filters import CohortFilter
from peers_dash.store.db import open_readonly
from peers_dash.store.writer import writing
from tests.test_app import APP


def test_where_groups_are_large_the_published_figures_are_the_raw_data(demo_db):
    # the demo's MD cohorts are large (about 140 a year in groups of 8 to 9): protection leaves nothing out of a
    # year's figures (a session that one group alone held in its format is counted in the program's "Other" row
    # instead of its class year)
    con = open_readonly(demo_db)
    try:
        md = CohortFilter(programs=(1,), year_from=2020, year_to=2024)
        got = queries.attendance(con, md, ["year"])
        raw = con.execute(
            "SELECT ay, count(*) FILTER (WHERE status = 'present') AS p, count(*) AS n FROM attendance_facts"
            " WHERE program_id = 1 AND ay BETWEEN 2020 AND 2024 GROUP BY ALL").df()
        merged = got.merge(raw, on=["ay"])
        assert len(merged) == len(raw) == 5
        assert (merged["n_present"] == merged["p"]).all() and (merged["n_expected"] == merged["n"]).all()
        by_class = queries.attendance(con, md, ["year", "class_year"])
        assert by_class.groupby("ay")["n_expected"].sum().tolist() == merged["n"].tolist()
        fav = queries.survey_items(con, md, ["peers_space"], ["year"])
        raw_fav = con.execute("SELECT ay, count(*) AS n, count(*) FILTER (WHERE value >= 4) AS fav FROM answer_facts"
                              " WHERE item_id = 'peers_space' AND program_id = 1 AND ay BETWEEN 2020 AND 2024"
                              " GROUP BY ALL").df()
        m = fav.merge(raw_fav, on="ay")
        # a small attendance band that is under 5% of its class may be set apart (and left out when even its
        # program's other small cells are too few): a year's figure loses a handful of answers, never its shape
        assert len(m) == 5 and (m["n_responses"] <= m["n"]).all() and (m["n_responses"] >= 0.98 * m["n"]).all()
        assert ((m["n_favorable"] / m["n_responses"] - m["fav"] / m["n"]).abs() < 0.01).all()
    finally:
        con.close()


def test_a_page_computed_while_an_import_swaps_the_file_shows_one_version(fixture_path, tmp_path, monkeypatch):
    from peers_dash.ui import data

    db = tmp_path / "live.duckdb"
    db.write_bytes(fixture_path.read_bytes())
    monkeypatch.setenv("PEERS_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    from peers_dash import queries

    key = data.key_of(queries.attendance)
    original = queries.attendance
    swapped = []

    def swap_then_query(con, *args, **kwargs):
        if not swapped:  # an import lands in the middle of the page
            with writing(db) as w:
                w.execute("INSERT INTO institutions VALUES (7, 'Swapped in')")
            swapped.append(True)
        return original(con, *args, **kwargs)

    monkeypatch.setitem(data._REGISTRY, key, swap_then_query)  # what the cache calls for queries.attendance
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
                for t in ("attendance_facts", "person_year", "group_year", "completeness_facts", "pub_sessions",
                          "pub_group_years", "pub_att_cells", "pub_att_people", "pub_state", "pub_hist", "pub_held")}
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


def test_an_attendance_import_names_the_sessions_it_changed_and_other_writes_rebuild_everything(template_school,
                                                                                               monkeypatch):
    from peers_dash.store import writer
    from peers_dash.ingest.pipeline import Request, run_import
    from peers_dash.ingest.templates import template_csv

    asked = []
    refresh = writer.refresh_rollups

    def recording(con, **kwargs):
        asked.append(kwargs["sessions"])
        refresh(con, **kwargs)

    monkeypatch.setattr(writer, "refresh_rollups", recording)
    assert run_import(template_school, Request("attendance", [("s.csv", template_csv("signin"))])).applied
    con = open_readonly(template_school)
    try:
        sheet = sorted(r[0] for r in con.execute("SELECT DISTINCT session_id FROM attendance").fetchall())
    finally:
        con.close()
    assert asked == [sheet] and sheet  # the school had no attendance before: the sheet's sessions, passed as such
    with writing(template_school):  # any other write (here: none at all) rebuilds everything
        pass
    assert asked[-1] is None


def test_a_term_that_also_changes_sessions_refreshes_everything(template_school, tmp_path):
    # the sessions file moves the first session online while the sheet only covers the second: refreshing
    # only the second session's rows would leave the first one's attendance under its old format
    from peers_dash.ingest.pipeline import Request, run_import
    from peers_dash.ingest.templates import template_csv

    head, *rows = template_csv("signin").decode("utf-8-sig").splitlines()
    first = [r for r in rows if ",2024-09-10," in r]
    second = [r for r in rows if ",2024-10-08," in r]
    assert first and second
    sheet = "\n".join([head, *first]).encode()
    assert run_import(template_school, Request("attendance", [("first.csv", sheet)])).applied
    sessions = template_csv("sessions").decode("utf-8-sig").replace(
        "Welcome and group norms,2024-09-10,12:00,60,in_person", "Welcome,2024-09-10,12:00,60,virtual")
    files = [("sessions.csv", sessions.encode()), ("second.csv", "\n".join([head, *second]).encode())]
    assert run_import(template_school, Request("term", files)).applied
    after_term = _tables(template_school)
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(template_school.read_bytes())
    with writing(copy):
        pass
    assert _tables(copy) == after_term
