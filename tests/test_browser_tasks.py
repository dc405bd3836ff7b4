"""A well-being dean's eight tasks, each done in Chromium in at most six clicks, and axe-core on every page at a
phone's and a laptop's width (no serious or critical violation). The eighth task, loading a term, is
tests/test_browser.py's test_a_leader_loads_a_whole_term_in_one_step_and_the_dashboard_shows_it."""
from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

import pytest

from peers_dash.config import ROOT
from peers_dash.model.filters import default_year, year_label
from tests.browser_kit import PAGES, click_bar, settle, showing

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / ".axe" / "node_modules" / "axe-core" / "axe.min.js"


class Clicks:
    """Counts the clicks a task takes."""

    def __init__(self, page) -> None:
        self.page, self.n = page, 0

    def __call__(self, locator, settle_after: bool = True) -> None:
        locator.click()
        self.n += 1
        if settle_after:
            settle(self.page)


def chart(page, title: str, timeout_s: float = 20):
    """The chart whose title is `title` (a long title is drawn on two lines: compared without spaces)."""
    want = title.replace(" ", "")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    deadline = time.time() + timeout_s
    while True:
        for i in range(charts.count()):
            if "".join(charts.nth(i).locator(".gtitle").all_text_contents()).replace(" ", "") == want:
                return charts.nth(i)
        if time.time() > deadline:
            raise AssertionError(f"no chart titled {title!r}")
        page.wait_for_timeout(250)


def bar_labels(page, title: str) -> list[str]:
    return chart(page, title).locator(".ytick text").all_text_contents()


def test_1_ms2_attendance_this_year_against_last(server, page):
    click = Clicks(page)
    page.goto(server + "/participation")
    settle(page)
    click_bar(page, chart(page, "Attendance rate by class year"), 1, "class_year=MS2")  # the MS2 bar
    click.n += 1
    assert "MS2" in showing(page)
    years = bar_labels(page, "Attendance rate by academic year")
    assert {"2024-25", "2025-26"} <= set(years)  # this complete year and the one before, side by side
    assert chart(page, "Attendance rate by academic year").locator(".gtitle").count() and click.n <= 6


def test_2_does_attending_go_with_feeling_supported(server, page):
    click = Clicks(page)
    page.goto(server + "/support")
    settle(page)
    click(page.get_by_text("Sessions attended", exact=True))
    title = "Space to talk about challenges: by PEERS sessions attended"
    assert set(bar_labels(page, title)) >= {"0-3", "4-7", "8-10"} and click.n <= 6


def test_3_which_groups_fade(server, page):
    click = Clicks(page)
    page.goto(server + "/groups")
    settle(page)
    click(page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first, settle_after=False)  # Cohort
    click(page.get_by_role("option").first)
    page.get_by_role("heading", name="Fading groups").wait_for(timeout=20_000)
    assert "complete academic years only" in page.get_by_test_id("stCaptionContainer").all_inner_texts().__str__()
    assert click.n <= 6


def test_4_a_csv_of_residency_participation_for_the_last_three_years(server, page):
    click = Clicks(page)
    page.goto(server + "/extracts")
    settle(page)
    sidebar = page.get_by_test_id("stSidebar")
    click(sidebar.get_by_test_id("stMultiSelect").first, settle_after=False)  # Program kind
    click(page.get_by_role("option", name="Residency"))
    thumb = sidebar.get_by_test_id("stSlider").locator('input[type="range"]').first  # from: two years earlier
    thumb.focus()
    thumb.press("ArrowLeft")
    thumb.press("ArrowLeft")
    settle(page)
    with page.expect_download() as info:
        click(page.get_by_test_id("stDownloadButton").first.get_by_role("button"), settle_after=False)
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_bytes().decode("utf-8-sig"))))
    last = default_year(list(range(2017, 2027)))  # the demo's years; the page opened on the latest complete one
    years = [year_label(y) for y in (last - 2, last - 1, last)]
    assert {r["Academic year"] for r in rows} == set(years)
    assert all(r["Showing"].startswith(f"Residency; {years[0]} to {years[-1]}") for r in rows)
    assert "Attendance rate (%)" in rows[0] and click.n <= 6


def test_5_share_a_view(server, page, browser):
    click = Clicks(page)
    page.goto(server + "/participation?class_year=MS2")
    settle(page)
    click(page.get_by_role("button", name="Share"), settle_after=False)
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert "/participation?" in link and "class_year=MS2" in link
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    other.goto(link.replace("localhost", "127.0.0.1"))
    settle(other)
    assert showing(other) == showing(page) and click.n <= 6
    other.context.close()


def test_6_what_attendance_rate_means(server, page):
    page.goto(server + "/")
    settle(page)
    metric = page.get_by_test_id("stMetric").filter(has_text="Attendance rate")
    metric.get_by_test_id("stTooltipHoverTarget").hover()
    tip = page.get_by_test_id("stTooltipContent")
    tip.wait_for(timeout=10_000)
    assert "the share they came to" in tip.inner_text()
    with page.context.expect_page() as opened:  # one click: the definition on Methods, in a new tab
        tip.get_by_role("link").click()
    methods = opened.value
    methods.wait_for_load_state()
    assert methods.url.endswith("/methods#attendance-rate")
    settle(methods)
    assert methods.get_by_role("heading", name="Attendance rate").count()


def test_7_did_burnout_fall_after_a_program_change(server, page):
    click = Clicks(page)
    page.goto(server + "/trends")
    settle(page)
    click(page.get_by_test_id("stSelectbox").first, settle_after=False)
    click(page.get_by_role("option", name="Burned out from work (Burnout items)"))
    said = page.get_by_role("heading", name="Program changes")
    said.wait_for(timeout=20_000)
    text = page.get_by_test_id("stMarkdown").filter(has_text="New MS1 curriculum").first.inner_text()
    assert "then" in text and any(v in text for v in ("better", "worse", "too small to tell from chance"))
    assert click.n <= 6


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_has_no_serious_accessibility_violation(server, browser, width):
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{AXE} is missing: tests/run.sh installs axe-core from npm")
        pytest.skip("axe-core is missing (npm install --prefix tests/.axe axe-core)")
    script = AXE.read_text()
    context = browser.new_context(viewport={"width": width, "height": 900})
    found = {}
    for path in [*PAGES, "/import", "/programs?programs_figure=Survey+measure", "/support?support_by=Program"]:
        p = context.new_page()
        p.goto(server + path)
        settle(p)
        p.add_script_tag(content=script)
        result = p.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                            ".map(v => [v.id, v.impact, v.nodes.length])")
        bad = [v for v in result if v[1] in ("serious", "critical")]
        if bad:
            found[path] = bad
        p.close()
    context.close()
    assert not found, found


def test_a_chart_is_one_tab_stop_in_its_toolbar_not_eight(server, page):
    page.goto(server + "/participation")
    settle(page)
    charts = page.get_by_test_id("stPlotlyChart")
    assert charts.count() >= 3
    buttons = page.locator('[data-testid="stPlotlyChart"] .modebar-btn')
    assert buttons.count() == charts.count()  # the camera ("Download plot as a png") only
    assert buttons.first.get_attribute("data-title").startswith("Download plot")
