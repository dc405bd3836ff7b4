"""What the browser tests share: Debian's Chromium, a running app on a database, and waiting for a run to
settle. The fixtures (server, browser, page) are in conftest.py."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from peers_dash.sitemap import READING_PAGES

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = [p.url for p in READING_PAGES]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(db: Path):
    """`streamlit run app.py` on a free local port showing `db`; yields its URL."""
    port = _free_port()
    env = {**os.environ, "PEERS_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true", "--server.address=127.0.0.1",
         f"--server.port={port}", "--server.fileWatcherType=none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("the app did not become healthy")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


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
