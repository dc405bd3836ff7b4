"""Load: concurrent sessions against one running server while imports swap in new data.

    python -m peers_dash.loadtest [--sessions 10] [--seconds 60] [--workdir DIR]

Builds (outside the timing) a copy of the school demo database marked as real, with a roster file, and a
set of sign-in sheets; starts `streamlit run app.py` on 127.0.0.1; opens the given number of pages in one
headless Chromium, each loading random pages with random filters for the given time, while a CLI import
swaps in a new sheet every two seconds. Reports page loads, errors, pages whose first and last lines name
different data versions (must be none), and load times. Traffic stays on this machine; loops are bounded.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from peers_dash.config import ROOT
from peers_dash.db import open_readonly, set_meta
from peers_dash.demo import build_demo
from peers_dash.ingest.roster import save_roster
from peers_dash.writer import writing

PATHS = ["/", "/participation", "/support", "/trends", "/programs", "/extracts", "/methods"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
_SHEET = """
SELECT p.name AS program, CAST(c.grad_year AS VARCHAR) AS cohort, g.name AS "group",
       CAST(s.session_date AS VARCHAR) AS date, s.session_number, 'p' || m.participant_id || '@load.example' AS person,
       CASE WHEN hash(s.session_id, m.participant_id, $round) % 4 = 0 THEN 'absent' ELSE 'present' END AS status,
       '' AS minutes
FROM sessions s JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id) JOIN programs p USING (program_id)
JOIN memberships m ON m.group_id = s.group_id AND m.start_date <= s.session_date
     AND (m.end_date IS NULL OR m.end_date >= s.session_date)
WHERE s.session_id IN (SELECT session_id FROM sessions ORDER BY session_id DESC LIMIT 40)
"""


def prepare(workdir: Path, files: int = 6) -> tuple[Path, list[Path], list[str]]:
    """(database, sign-in sheets that each rewrite the same 40 sessions differently, program names)."""
    demo = workdir / "demo.duckdb"
    if not demo.exists():
        build_demo(demo, scale="school")
    db = workdir / "load.duckdb"
    for leftover in workdir.glob("load.duckdb*"):
        leftover.unlink()
    shutil.copyfile(demo, db)
    with writing(db) as con:
        set_meta(con, is_demo="false")
    con = open_readonly(db)
    try:
        ids = con.execute("SELECT participant_id FROM participants").df()["participant_id"]
        sheets = []
        for i in range(files):
            sheet = workdir / f"sheet_{i}.csv"
            con.execute(_SHEET, {"round": i}).df().to_csv(sheet, index=False)
            sheets.append(sheet)
        programs = [r[0] for r in con.execute("SELECT name FROM programs").fetchall()]
    finally:
        con.close()
    import pandas as pd

    save_roster(db, pd.DataFrame({"participant_id": ids, "roster_id": "", "name": "",
                                  "email": "p" + ids.astype(str) + "@load.example"}))
    return db, sheets, programs


def _importer(db: Path, sheets: list[Path], stop: threading.Event, done: list[int], every: float) -> None:
    i = 0
    while not stop.is_set():
        out = subprocess.run([sys.executable, "-m", "peers_dash", "import", "attendance", str(sheets[i % len(sheets)]),
                              "--db", str(db)], cwd=ROOT, capture_output=True, text=True)
        done.append(out.returncode)
        i += 1
        stop.wait(every)


async def _session(browser, url: str, programs: list[str], deadline: float, seed: int, log: list[dict]) -> None:
    rng = random.Random(seed)
    page = await browser.new_page(viewport={"width": 1280, "height": 900})
    while time.perf_counter() < deadline:
        path = rng.choice(PATHS)
        query = f"?program={rng.choice(programs).replace(' ', '+')}" if rng.random() < 0.6 else ""
        started = time.perf_counter()
        record = {"path": path + query, "error": None}
        try:
            await page.goto(url + path + query)
            await page.wait_for_selector('[data-testid="stCaptionContainer"] >> text=/Computed from data version/',
                                         timeout=60_000)
            record["seconds"] = time.perf_counter() - started
            text = await page.locator('[data-testid="stMain"]').inner_text()
            versions = re.findall(r"\(version (\d+)\)|data version (\d+)\.", text)
            seen = {a or b for a, b in versions}
            record["versions"] = sorted(seen)
            record["exceptions"] = await page.get_by_test_id("stException").count()
        except Exception as exc:  # a timeout or a crash is a finding, not a reason to stop the others
            record["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
        log.append(record)
    await page.close()


async def _drive(url: str, sessions: int, seconds: float, programs: list[str]) -> list[dict]:
    from playwright.async_api import async_playwright

    log: list[dict] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*[_session(browser, url, programs, deadline, i, log) for i in range(sessions)])
        await browser.close()
    return log


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--import-every", type=float, default=2.0, help="seconds between imports (0: none)")
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="peers_load_"))
    workdir.mkdir(parents=True, exist_ok=True)
    db, sheets, programs = prepare(workdir)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
                               "--server.address=127.0.0.1", f"--server.port={port}"], cwd=ROOT,
                              env={**os.environ, "PEERS_DB": str(db),
                                   "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    stop, imports = threading.Event(), []
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.3)
        if args.import_every > 0:
            threading.Thread(target=_importer, args=(db, sheets, stop, imports, args.import_every)).start()
        log = asyncio.run(_drive(url, args.sessions, args.seconds, programs))
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    loads = [r for r in log if r["error"] is None]
    times = sorted(r["seconds"] for r in loads)
    mixed = [r for r in loads if len(r["versions"]) > 1]
    crashed = [r for r in loads if r["exceptions"]]
    print(f"{args.sessions} sessions for {args.seconds:.0f} s: {len(log)} page loads, {len(log) - len(loads)} failed "
          f"to load, {len(crashed)} with an error element, {len(mixed)} showing two data versions")
    print(f"imports during the run: {imports.count(0)} landed, {len(imports) - imports.count(0)} failed")
    if times:
        print(f"page load under load: median {statistics.median(times):.2f} s, "
              f"p95 {times[max(0, int(round(0.95 * len(times))) - 1)]:.2f} s")
    for r in ([r for r in log if r["error"]] + crashed + mixed)[:10]:
        print("  ", r)
    return 0 if not (mixed or crashed or len(log) - len(loads)) else 1


if __name__ == "__main__":
    sys.exit(main())
