"""What the benchmarks, the load test and the browser tests share: a dashboard server started as the README
starts one (`python -m peers_dash serve`) on a free local port, Debian's Chromium, and waiting for a page's
run to be over."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from peers_dash.config import ROOT

CHROMIUM = "/usr/bin/chromium"  # Debian's: playwright cannot download its own browsers here
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: Path, port: int) -> subprocess.Popen:
    """A fresh server showing `db` on 127.0.0.1:`port`, as the README serves one (not yet listening)."""
    env = {**os.environ, "PEERS_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    return subprocess.Popen([sys.executable, "-m", "peers_dash", "serve", "--address=127.0.0.1", f"--port={port}"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_healthy(url: str, timeout_s: float = 120) -> None:
    """Return once the server at `url` answers its health check; TimeoutError after `timeout_s`."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"the dashboard at {url} did not answer within {timeout_s:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=30)


@contextmanager
def running_app(db: Path) -> Iterator[str]:
    """A fresh server showing `db`, listening; yields its URL and stops it after."""
    port = free_port()
    proc = start(db, port)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        yield url
    finally:
        stop(proc)


def settled(page, started: float, timeout_s: float = 300) -> float:
    """Seconds from `started` (time.perf_counter) until the page's script has run to its end (Streamlit's app
    root says 'notRunning') and every chart on it is drawn; inf after `timeout_s`."""
    end = time.time() + timeout_s
    done = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    while time.time() < end:
        if page.locator(done).count():
            charts = page.locator('[data-testid="stPlotlyChart"]').count()
            drawn = page.locator('[data-testid="stPlotlyChart"] .main-svg').count()
            if drawn >= charts:
                return time.perf_counter() - started
        page.wait_for_timeout(20)
    return float("inf")
