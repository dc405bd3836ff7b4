"""What the browser tests share beyond tests/bench/server.py (Chromium and a running app, shared with the
benchmarks): the reading pages' addresses, waiting for a run to settle, clicks. The fixtures (server, browser,
page) are in conftest.py."""
from __future__ import annotations

import time

from peers_dash.sitemap import READING_PAGES

PAGES = [p.url for p in READING_PAGES]


def settle(page, timeout_s: float = 60) -> None:
    """Wait until the script run is over and the charts have drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    page.wait_for_selector('[data-testid="stCaptionContainer"]', timeout=timeout_s * 1000)
    page.wait_for_timeout(500)
    end = time.time() + timeout_s
    while time.time() < end and page.get_by_test_id("stStatusWidget").count():
        page.wait_for_timeout(150)
    page.wait_for_timeout(300)


def press(page, name: str) -> None:
    """Click the button called `name` and wait for the run it starts to settle."""
    page.get_by_role("button", name=name, exact=True).click()
    settle(page)


def showing(page) -> str:
    return page.locator('[data-testid="stCaptionContainer"]', has_text="Showing:").first.inner_text()


def click_bar(page, chart, index: int, url_has: str, tries: int = 3) -> None:
    """Click the bar `index` (from the top) of a plotly chart until the URL has `url_has`: plotly binds its
    click handler a moment after the bars are drawn, so a first click can land before it (seen on a busy
    two-core machine)."""
    chart.locator("g.point path").nth(index).wait_for()
    for _ in range(tries):
        chart.locator("g.point path").nth(index).click(force=True)  # bars sit under plotly's drag layer
        try:
            page.wait_for_url(f"**{url_has}**", timeout=10_000)
            break
        except Exception:  # playwright's TimeoutError: click again
            page.wait_for_timeout(500)
    settle(page)
