"""The app through Streamlit's AppTest, on the hand-made fixture: every page, filters, URLs, protection."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from peers_dash.sitemap import READING_PAGES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = [p.script for p in READING_PAGES if p.script != "app.py"]  # app.py is the Overview, run without a page


EVERY_YEAR = {"years": ["2019-20", "2020-21"]}  # the fixture's two years; a page opens on the latest complete one


def run(page: str | None = None, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.switch_page(page)  # as a deep link: the page runs first, with the URL's parameters
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def caption_text(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_overview_shows_the_headline_figures_of_the_latest_year(app_env):
    at = run()
    values = {m.label: m.value for m in at.metric}
    assert values["Trainees who came"] == "9"
    assert values["Attendance rate"] == "75%"
    assert values["Survey response rate"] == "50%"
    assert any("Academic year 2020-21" in h.value for h in at.header)
    assert not any("Synthetic demo data" in i.value for i in at.info)  # the fixture is not demo data


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_its_own_sidebar(app_env, page):
    at = run(page)
    assert at.sidebar.multiselect(key="program") is not None
    assert "Showing: **everyone\\, 2020\\-21**" in caption_text(at)  # Markdown escapes: "everyone, 2020-21"


def _bars_of(at: AppTest, title: str) -> list[str]:
    spec = next(f for f in figures(at) if f["layout"]["title"]["text"] == title)
    return list(next(t for t in spec["data"] if t["type"] == "bar")["y"])


def test_pages_open_on_the_latest_complete_year_and_charts_over_the_years_keep_every_year(app_env):
    at = run("pages/participation.py")
    assert at.sidebar.select_slider(key="years").value == ("2020-21", "2020-21")
    assert _bars_of(at, "Attendance rate by class year") == ["MS2"]  # the class of 2023 in 2020-21 only
    assert _bars_of(at, "Attendance rate by academic year") == ["2019-20", "2020-21"]
    at.sidebar.select_slider(key="years").set_range("2019-20", "2019-20").run()  # chosen: every chart follows
    assert _bars_of(at, "Attendance rate by academic year") == ["2019-20"]
    assert _bars_of(at, "Attendance rate by class year") == ["MS1"]


@pytest.mark.parametrize("page,charts", [("pages/participation.py", 2), ("pages/support.py", 3),
                                         ("pages/trends.py", 1)])
def test_chart_pages_render_their_charts(app_env, page, charts):
    # On the tiny fixture some charts are fully suppressed and say so instead of drawing.
    assert len(figures(run(page))) >= charts


def test_the_programs_page_shows_the_md_and_leaves_the_tiny_fellowship_out_entirely(app_env):
    at = run("pages/programs.py")
    bars = [t for f in figures(at) for t in f["data"] if t["type"] == "bar"]
    assert bars and all(list(b["y"]) == ["MD"] for b in bars)
    assert "fewer than 10 people in each program and year" in caption_text(at)


def test_changing_a_filter_changes_the_charts_data(app_env):
    at = run("pages/participation.py", params=EVERY_YEAR)
    before = figures(at)[0]
    at.sidebar.multiselect(key="class_year").set_value(["MS2"]).run()
    after = figures(at)[0]
    assert before != after
    bars = [t for t in after["data"] if t["type"] == "bar"][0]
    assert list(bars["y"]) == ["MS2"]


def test_everyone_minus_the_md_gives_the_three_fellows_away_no_more(app_env):
    # "MD" is everyone but the three fellows; their session was never published, so both views show the same
    md = run("pages/participation.py", params={"program": ["MD"]})
    everyone = run("pages/participation.py")
    assert figures(md) and [f["data"] for f in figures(md)] == [f["data"] for f in figures(everyone)]
    assert not md.warning


def test_a_url_with_filter_parameters_opens_the_filtered_view(app_env):
    at = run("pages/participation.py", params={"program": ["MD"], "class_year": ["MS2"], **EVERY_YEAR})
    assert at.sidebar.multiselect(key="program").value == ["MD"]
    assert "Showing: **MD\\; MS2**" in caption_text(at)  # Markdown escapes: the page reads "MD; MS2"
    bars = [t for t in figures(at)[0]["data"] if t["type"] == "bar"][0]
    assert list(bars["y"]) == ["MS2"]


def test_unknown_values_in_a_link_are_dropped_with_a_notice(app_env):
    at = run(params={"program": ["MD", "Nonexistent Program"]})
    assert at.sidebar.multiselect(key="program").value == ["MD"]
    assert any("Nonexistent Program" in t.value for t in at.toast)


def test_a_tiny_cohort_shows_no_figure_and_no_count_anywhere(app_env):
    at = run(params={"cohort": ["Tiny Fellowship Class of 2021"]})
    assert not at.metric and not figures(at)
    assert any("No published attendance for this filter" in i.value for i in at.info)
    part = run("pages/participation.py", params={"cohort": ["Tiny Fellowship Class of 2021"]})
    assert not figures(part)
    assert "fewer than 5" in caption_text(part)  # what is left out is said, never counted exactly


def test_charts_show_only_published_bars_and_no_markers(app_env):
    spec = figures(run("pages/participation.py", params=EVERY_YEAR))[0]
    assert not [t for t in spec["data"] if t.get("mode") == "text"]
    bars = [t for t in spec["data"] if t["type"] == "bar"][0]
    assert list(bars["y"]) == ["MS1", "MS2"]


def test_names_from_files_and_links_are_shown_as_text_not_markdown(app_env, tmp_path, monkeypatch):
    from tests.fixture_db import build_fixture

    db = build_fixture(tmp_path / "named.duckdb",
                       md_name="[Click](https://evil.example) ![i](https://evil.example/i.png)")
    monkeypatch.setenv("PEERS_DB", str(db))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = run(params={"program": ["[Click](https://evil.example) ![i](https://evil.example/i.png)"],
                     "cohort": ["*bold* [x](https://evil.example)"]})
    shown = caption_text(at)
    assert "\\[Click\\]\\(https\\:\\/\\/evil\\.example\\)" in shown.replace("\u200b", "") and "](" not in shown
    assert all("](" not in t.value for t in at.toast)


def test_survey_pages_say_group_and_modality_do_not_apply(app_env):
    at = run("pages/support.py", params={"modality": ["virtual"]})
    assert "does not apply to survey results" in caption_text(at)


def test_groups_page_asks_for_one_cohort_then_shows_the_heatmap(app_env):
    at = run("pages/groups.py")
    assert any("one cohort at a time" in i.value for i in at.info)
    at = run("pages/groups.py", params={"cohort": ["MD Class of 2023"], **EVERY_YEAR})
    heat = [t for t in figures(at)[0]["data"] if t["type"] == "heatmap"][0]
    assert list(heat["y"]) == ["Group 01", "Group 02"] and list(heat["x"]) == ["Session 1", "Session 2"]


def test_extracts_offer_a_csv_without_rerunning_the_app(app_env):
    at = run("pages/extracts.py")
    button = at.get("download_button")[0]
    assert button.proto.ignore_rerun
    assert "Attendance summary" in button.proto.label


def test_reset_returns_the_filters_to_their_defaults(app_env):
    at = run(params={"program": ["MD"]})
    at.sidebar.button[0].click().run()
    assert at.sidebar.multiselect(key="program").value == []


def test_first_run_builds_the_demo_database_and_labels_it(monkeypatch, tmp_path):
    import peers_dash.config

    monkeypatch.delenv("PEERS_DB", raising=False)
    monkeypatch.setattr(peers_dash.config, "DEFAULT_DB", tmp_path / "peers.duckdb")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = run()
        assert (tmp_path / "peers.duckdb").exists()
        assert any("Synthetic demo data" in i.value for i in at.info)
        assert int(at.metric[0].value.replace(",", "")) > 500
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_a_configured_database_that_does_not_exist_is_an_error_not_a_new_demo(monkeypatch, tmp_path):
    missing = tmp_path / "missing.duckdb"
    monkeypatch.setenv("PEERS_DB", str(missing))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("does not exist" in e.value for e in at.error)
    assert not missing.exists()
    st.cache_resource.clear()


def test_a_setting_asking_for_more_than_the_database_was_protected_for_shows_nothing(app_env, monkeypatch):
    monkeypatch.setenv("PEERS_MIN_CELL_SIZE", "8")
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("protected for groups of at least 5 people" in e.value and "python -m peers_dash protect" in e.value
               for e in at.error)
    assert not at.metric and not figures(at)


def test_each_headline_says_what_it_means_and_links_to_its_definition_on_methods(app_env):
    from peers_dash.charts.glossary import TERMS

    at = run()
    for m in at.metric:
        term = TERMS[m.label]
        assert m.proto.help.startswith(term.meaning) and f"(/methods#{term.anchor})" in m.proto.help
    methods = run("pages/methods.py")
    anchors = {h.proto.anchor for h in methods.subheader}
    assert {t.anchor for t in TERMS.values()} <= anchors
    words = " ".join(e.value for e in at.markdown) + " ".join(c.value for c in at.caption)
    assert not any(jargon in words for jargon in ("Newcombe", "Welch", "top-2", "dose"))


def test_a_page_offers_its_link_with_its_filters_and_a_report_of_what_it_shows(app_env):
    at = run("pages/participation.py", params={"class_year": ["MS2"], **EVERY_YEAR})
    link = at.get("code")[0].proto.code_text
    assert link.endswith("/participation?class_year=MS2&years=2019-20&years=2020-21")
    button = next(b for b in at.get("download_button") if b.proto.label == "Report")
    assert button.proto.ignore_rerun  # built only when clicked


def test_programs_compares_class_years_too_each_against_the_rest(app_env):
    at = run("pages/programs.py", params={"compare": "Class years", **EVERY_YEAR})
    grids = [f for f in figures(at) if f["data"] and f["data"][0]["type"] == "heatmap"]
    assert grids
    rows = list(grids[0]["data"][0]["y"])
    assert rows[0] == "Whole view" and {"MS1", "MS2"} <= set(rows)


def test_see_as_a_table_shows_the_charts_rows_under_the_screen_headings(app_env):
    at = run("pages/trends.py", params=EVERY_YEAR)
    at.toggle(key="trend_chart_table").set_value(True).run()
    table = at.dataframe[0].value
    assert list(table.columns[:3]) == ["Academic year", "Responses", "Share agree or strongly agree"]
    assert {"Change from the year before", "More than chance?"} <= set(table.columns)
