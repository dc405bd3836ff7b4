"""The running app in headless Chromium (Debian's /usr/bin/chromium driven by Playwright), on a school-scale
demo database: pages load with their charts, filters live in the URL, downloads arrive."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from tests.bench.server import running_app
from tests.browser_kit import PAGES, click_bar, press, settle, showing

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES)
def test_each_page_loads_with_its_content_and_no_error(server, page, path):
    page.goto(server + path + ("?cohort=MD+Class+of+2023" if path == "/groups" else ""))
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert "Synthetic demo data" in page.get_by_test_id("stAlert").first.inner_text()
    if path not in ("/extracts", "/methods"):
        page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    else:
        page.wait_for_selector('[data-testid="stDataFrame"], [data-testid="stTable"]', timeout=30_000)


def test_a_filter_change_rerenders_lives_in_the_url_and_survives_a_page_switch(server, page):
    page.goto(server + "/participation")
    settle(page)
    before = page.locator('[data-testid="stPlotlyChart"]').first.inner_text()
    program = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text("Program", exact=True))
    program.locator("input").click()
    page.keyboard.type("Pediatrics")
    page.get_by_role("option", name="Pediatrics").click()
    page.keyboard.press("Escape")
    settle(page)
    assert "program=Pediatrics" in page.url
    assert "Pediatrics" in showing(page)
    assert page.locator('[data-testid="stPlotlyChart"]').first.inner_text() != before
    page.get_by_test_id("stSidebar").get_by_role("link", name="Perceived support").click()
    settle(page)
    assert "/support" in page.url and "program=Pediatrics" in page.url
    assert "Pediatrics" in showing(page)


def test_a_deep_link_opens_the_filtered_view_on_any_page(server, page):
    page.goto(server + "/programs?class_year=MS1&class_year=MS2&years=2019-20&years=2021-22")
    settle(page)
    assert "MS1, MS2; 2019-20 to 2021-22" in showing(page)
    tags = page.get_by_test_id("stSidebar").locator("[data-tag]")
    tags.first.wait_for(timeout=20_000)
    assert sorted(t.inner_text() for t in tags.all()) == ["MS1", "MS2"]


def test_an_unknown_value_in_a_link_is_dropped(server, page):
    page.goto(server + "/participation?class_year=MS1&class_year=XX9")
    settle(page)
    assert "class_year=MS1" in page.url and "XX9" not in page.url
    assert "MS1" in showing(page)


def test_reset_clears_the_filters_and_the_url(server, page):
    page.goto(server + "/participation?class_year=MS1")
    settle(page)
    page.get_by_role("button", name="Reset filters").click()
    settle(page)
    assert "class_year" not in page.url
    assert "everyone" in showing(page)


def test_a_csv_download_arrives_with_the_expected_header(server, page):
    page.goto(server + "/extracts?class_year=MS1")
    settle(page)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").first.get_by_role("button").click()
    download = info.value
    assert re.fullmatch(r"attendance-summary_ms1-\d{4}-\d{2}\.csv", download.suggested_filename)  # and its year
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == ("Academic year,Program,Class year,People,Expected attendances,Present,Absent,"
                                    "Excused,Attendance rate (%),Likely from (%),Likely to (%),Excused share (%),"
                                    "Showing,Data as of")  # the headings on screen; what the file shows
    assert all(",MS1," in line and ",MS1; " in line and line.endswith(",2026-11-15") for line in text.splitlines()[1:])


def test_clicking_a_class_year_bar_narrows_the_filter_to_it(server, page):
    page.goto(server + "/participation")
    settle(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.locator(".main-svg").first.wait_for()
    click_bar(page, chart, 1, "class_year=")  # MS2, the second bar from the top
    assert "class_year=MS2" in page.url
    assert "MS2" in showing(page)


def test_a_leader_checks_and_imports_a_sign_in_sheet_and_the_dashboard_shows_it(template_school, tmp_path, page):
    from peers_dash.ingest.templates import template_csv

    sheet = tmp_path / "signin_september.csv"
    sheet.write_bytes(template_csv("signin"))
    with running_app(template_school) as url:
        page.goto(url + "/import")
        settle(page)
        page.locator('input[type="file"]').first.set_input_files(str(sheet))
        press(page, "Check the files")
        assert "12 rows to add, 0 to replace" in page.get_by_test_id("stAlert").last.inner_text()
        press(page, "Import")
        assert "Imported 1 file: 12 rows added" in page.get_by_test_id("stAlert").last.inner_text()
        page.get_by_test_id("stSidebar").get_by_role("link", name="Overview").click()
        settle(page)
        # one group of six: no figure for everyone covers a single group; the Groups page (analysts) shows it
        assert "at least two PEERS groups" in page.get_by_test_id("stAlert").last.inner_text()
        page.goto(url + "/groups?cohort=MD+Class+of+2028")
        settle(page)
        page.locator(".ytick text").first.wait_for(timeout=20_000)
        assert "Group 07" in page.locator(".ytick text").all_text_contents()


def test_a_leader_loads_a_whole_term_in_one_step_and_the_dashboard_shows_it(tmp_path, page):
    """A new database; one workbook (sheets in any order) and a Zoom report with no session chosen, dropped
    together: one check, one import, and Participation shows both sessions."""
    from peers_dash.ingest.pipeline import init_database
    from tests.test_term_import import ZOOM_SESSION_2, term_workbook

    db = tmp_path / "school.duckdb"
    init_database(db, "Riverside")
    book, zoom = tmp_path / "term_autumn.xlsx", tmp_path / "zoom_october.csv"
    book.write_bytes(term_workbook())
    zoom.write_bytes(ZOOM_SESSION_2)
    with running_app(db) as url:
        page.goto(url + "/import")
        settle(page)
        assert page.get_by_role("radio", name="A term's files").is_checked() or \
            "A term's files" in page.get_by_test_id("stButtonGroup").first.inner_text()
        page.locator('input[type="file"]').first.set_input_files([str(book), str(zoom)])
        settle(page)
        press(page, "Check the files")
        checked = " ".join(page.get_by_test_id("stAlert").all_inner_texts())
        assert "Would import 4 files" in checked, checked
        press(page, "Import")
        assert "Imported 4 files" in page.get_by_test_id("stAlert").last.inner_text()
        page.goto(url + "/groups?cohort=MD+Class+of+2028")
        settle(page)
        page.locator(".ytick text").first.wait_for(timeout=20_000)
        assert "Group 07" in page.locator(".ytick text").all_text_contents()


HOSTILE_NAME = "[Click here](https://evil.example/phish) ![x](https://evil.example/pixel.png) <b>bold</b>"


def _live_links_and_images(page) -> list[str]:
    """Every link and image in the page, charts (SVG) included, that points at evil.example."""
    return page.evaluate("""() => [...document.querySelectorAll('a, img, image')].map(e =>
        e.getAttribute('href') || e.getAttribute('xlink:href') || e.getAttribute('src') || '')
        .filter(h => h.includes('evil.example'))""")


def test_names_and_link_values_written_as_markdown_or_html_stay_plain_text(tmp_path, page):
    from tests.fixture_db import build_fixture

    db = build_fixture(tmp_path / "hostile.duckdb", md_name=HOSTILE_NAME)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    with running_app(db) as url:
        for path in ("/", "/participation", "/programs", "/support"):
            page.goto(url + path + "?program=" + urllib.parse.quote(HOSTILE_NAME)
                      + "&cohort=" + urllib.parse.quote("[x](https://evil.example/cohort)"))
            settle(page)
            assert _live_links_and_images(page) == [], path
            shown = showing(page).replace("\u200b", "")  # the invisible space that stops autolinks
            assert "[Click here](https://evil.example/phish)" in shown, path  # shown as written
        page.goto(url + "/programs")
        settle(page)
        ticks = page.locator(".ytick text").all_text_contents()
        assert any("<b>bold</b>" in t for t in ticks)  # a chart label reads the tags, it does not render them
        assert _live_links_and_images(page) == []
    assert not [r for r in requests if urllib.parse.urlsplit(r).hostname == "evil.example"]  # nothing loaded


def test_a_table_has_no_toolbar_download_and_the_csv_button_neutralises_formulas(server, page):
    page.goto(server + "/participation")
    settle(page)
    page.get_by_text("See as a table").first.click()
    settle(page)
    table = page.get_by_test_id("stDataFrame").first
    table.hover()
    page.wait_for_timeout(500)
    toolbar = page.get_by_test_id("stElementToolbar")
    labels = " ".join(b.get_attribute("aria-label") or "" for b in toolbar.locator("button").all())
    assert "Download" not in labels


def test_a_survey_only_office_imports_its_own_survey_and_browses_its_measures(tmp_path, page):
    from peers_dash.ingest.pipeline import init_database
    from tests import survey_office

    db = tmp_path / "office.duckdb"
    init_database(db, "Survey-only University")
    survey = tmp_path / "wellbeing_2024.csv"
    survey.write_bytes(survey_office.survey_csv(2024, 5, per_year=12))
    mapping = tmp_path / "wellbeing.toml"
    mapping.write_bytes(survey_office.MAPPING.encode())
    with running_app(db) as url:
        page.goto(url + "/import")
        settle(page)
        page.get_by_text("Survey", exact=True).click()
        settle(page)
        page.locator('input[type="file"]').nth(0).set_input_files(str(survey))
        settle(page)
        page.locator('input[type="file"]').nth(1).set_input_files(str(mapping))
        settle(page)
        press(page, "Check the files")
        assert "creates the new program 'School of Medicine'" in page.get_by_test_id("stAlert").last.inner_text()
        assert page.get_by_role("button", name="Import", exact=True).is_disabled()  # until the tick
        page.get_by_text("Create them").click()
        settle(page)
        press(page, "Import")
        assert "Imported 1 file" in page.get_by_test_id("stAlert").last.inner_text()
        page.goto(url + "/support?measure=PHQ-9+score+%280-27%29")
        settle(page)
        page.locator(".gtitle").first.wait_for(timeout=30_000)
        assert "PHQ-9 score: by class year" in page.locator(".gtitle").all_text_contents()
        assert "MS6" in page.locator(".ytick text").all_text_contents()
        page.get_by_text("Spread of answers", exact=True).click()  # one chart at a time
        settle(page)
        page.get_by_text("PHQ-9 score: scores in view").first.wait_for(timeout=30_000)
        assert page.get_by_test_id("stException").count() == 0


def test_on_a_consortium_each_program_bar_is_one_program_and_a_click_narrows_to_exactly_it(system_db, page):
    """Program names repeat across the consortium's institutions: every bar is one program, named with its
    institution where the name repeats, and clicking it narrows the filter to that program alone."""
    from peers_dash import queries
    from peers_dash.queries import lookups
    from peers_dash.store.db import open_readonly
    from peers_dash.model.filters import CohortFilter, default_year

    home = "Northbridge School of Medicine"
    con = open_readonly(system_db)
    try:
        home_id = con.execute("SELECT institution_id FROM institutions WHERE name = ?", [home]).fetchall()[0][0]
        years = [int(y) for y in lookups.options(con, "year", CohortFilter())["value"]]
        year = default_year(years)  # the page opens on it
        view = CohortFilter(institutions=(home_id,), program_kinds=("residency",), year_from=year, year_to=year)
        rates = queries.attendance(con, view, ["program"])
        expected = rates.sort_values("rate", ascending=False, kind="stable")["program"]  # best first
    finally:
        con.close()
    assert expected.is_unique and all(home in label for label in expected)  # 'Internal Medicine · Northbridge ...'
    with running_app(system_db) as url:
        page.goto(url + "/participation?" + urllib.parse.urlencode({"institution": home, "program_kind": "Residency"}))
        settle(page)
        chart = page.locator('[data-testid="stPlotlyChart"]').nth(1)  # attendance rate by program
        chart.locator(".main-svg").first.wait_for()
        assert chart.locator("g.point path").count() == len(expected)  # one bar per program, none drawn twice
        click_bar(page, chart, 0, "program=")  # the top bar: the first program
        chosen = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["program"]
        assert chosen == [expected.iloc[0]]
        assert expected.iloc[0] in showing(page)
