"""The page benchmark behind `python -m peers_dash bench`: every page rerun on filter states it has not
seen, with no result cache, measured in this process (the app's own), plus the pandas way in another
process and a cold start in Chromium. Prints figures; asserts nothing (machines here are noisy)."""
from __future__ import annotations

import json
import logging
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode warnings, once per run

from peers_dash import lookups
from peers_dash.config import ROOT
from peers_dash.db import open_readonly
from peers_dash.filters import CohortFilter, ay_label
from peers_dash.sitemap import READING_PAGES
from peers_dash.ui import data

PAGES = {p.label: None if p.script == "app.py" else p.script for p in READING_PAGES}  # label: script (None: app.py)


def filter_states(db: Path, n: int, seed: int = 1) -> list[tuple[list[tuple[str, object]], dict]]:
    """n varied filter states as a leader would reach them: (the sidebar changes in order, each one a rerun:
    (widget key, value as shown), and the same view in ids for the pandas way). An institution first where
    there are several, then a program and sometimes a cohort, class years, a year range, a session format."""
    con = open_readonly(db)
    try:
        programs = con.execute("SELECT program_id, institution_id FROM programs").df()
        labels = {k: lookups.labels(con, k) for k in ("institution", "program", "cohort")}
        cohorts = con.execute("SELECT cohort_id, program_id FROM cohorts").df()
        class_years = list(lookups.options(con, "class_year", CohortFilter())["value"])
        years = lookups.academic_years(con)
    finally:
        con.close()
    rng = random.Random(seed)
    multi = len(labels["institution"]) > 1
    states: list[tuple[list[tuple[str, object]], dict]] = [([], {})]  # everyone: the view a page opens on
    for i in range(1, n):
        steps: list[tuple[str, object]] = []
        ids: dict[str, object] = {}
        program = programs.iloc[rng.randrange(len(programs))]
        if multi or i % 3 == 0:
            if multi:
                steps.append(("institution", [labels["institution"][int(program["institution_id"])]]))
                ids["institution_id"] = [int(program["institution_id"])]
            steps.append(("program", [labels["program"][int(program["program_id"])]]))
            ids["program_id"] = [int(program["program_id"])]
            mine = cohorts[cohorts["program_id"] == program["program_id"]]
            if i % 2 and len(mine):
                cohort = int(mine.iloc[rng.randrange(len(mine))]["cohort_id"])
                steps.append(("cohort", [labels["cohort"][cohort]]))
                ids["cohort_id"] = [cohort]
        if i % 3 == 1:
            cy = rng.sample(class_years, k=min(2, len(class_years)))
            steps.append(("class_year", cy))
            ids["class_year"] = cy
        if i % 4 == 2 and len(years) > 2:
            a = rng.randrange(len(years) - 2)
            b = rng.randrange(a + 1, len(years))
            steps.append(("years", (ay_label(years[a]), ay_label(years[b]))))
            ids["ay"] = [years[a], years[b]]
        if i % 5 == 3:
            steps.append(("modality", ["virtual"]))
            ids["modality"] = ["virtual"]
        states.append((steps, ids))
    return states


def _proto_bytes(node) -> int:
    """Serialized size of every element the run produced: what Streamlit sends for the page."""
    total = 0
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ByteSize"):
        total += proto.ByteSize()
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        total += _proto_bytes(child)
    return total


_EMPTY = "import streamlit as st\nst.write('calibration')\n"


def apptest_overhead(runs: int = 7) -> float:
    """Seconds AppTest itself adds to a rerun (polling for the script's messages): measured on reruns of an
    empty script and subtracted, so that the figures are the page's own server-side time."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "empty.py"
        script.write_text(_EMPTY)
        at = AppTest.from_file(str(script), default_timeout=60)
        at.run()  # the first run scans components once: not part of a rerun
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _set(at: AppTest, key: str, value: object) -> bool:
    """Set one sidebar filter as a leader would; False when it is not on the page."""
    for kind in ("multiselect", "select_slider"):
        widgets = [w for w in getattr(at.sidebar, kind) if w.key == key]
        if widgets:
            widgets[0].set_value(value)
            return True
    return False


def page_reruns(page: str | None, states: list, overhead: float) -> dict:
    """One session on a page (its first visit not counted), then every filter change of every state, each a
    rerun timed server-side; 'Reset filters' between states is a rerun too. The result cache is the
    session's own, as it is for a leader: a change reruns what it changes."""
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    if page:
        at.switch_page(page)
    at.run()
    times, errors, sql = [], 0, []

    def timed() -> None:
        nonlocal errors
        data.QUERY_SECONDS[0] = 0.0
        started = time.perf_counter()
        at.run()
        times.append(max(time.perf_counter() - started - overhead, 0.0))
        sql.append(data.QUERY_SECONDS[0])
        errors += bool(at.exception)

    for steps, _ids in states:
        for key, value in steps:
            if _set(at, key, value):
                timed()
        at.sidebar.button[-1].click()  # Reset filters
        timed()
    times.sort()
    return {"median_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[max(0, int(round(0.95 * len(times)))
                                                                                         - 1)],
            "sql_median_ms": 1000 * statistics.median(sql), "reruns": len(times),
            "bytes_max": sum(_proto_bytes(node) for node in at._tree.children.values()), "errors": errors}


def pandas_way(db: Path, states: list[dict]) -> dict | None:
    """The attendance pages the tutorial way, in its own process; None if it could not run."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(states, fh)
    try:
        out = subprocess.run([sys.executable, "-m", "peers_dash.bench_pandas", str(db), fh.name], cwd=ROOT,
                             capture_output=True, text=True, timeout=3600)
    finally:
        os.unlink(fh.name)
    if out.returncode != 0:
        why = (out.stderr.strip().splitlines() or [""])[-1]
        if out.returncode < 0:
            why = f"killed by signal {-out.returncode}" + (" (out of memory)" if out.returncode == -9 else "")
        return {"error": why or f"exit code {out.returncode}"}
    return json.loads(out.stdout)


_BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _serve(db: Path, port: int) -> subprocess.Popen:
    """A fresh server as the README serves one: `python -m peers_dash serve`."""
    env = {**os.environ, "PEERS_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    return subprocess.Popen([sys.executable, "-m", "peers_dash", "serve", "--address=127.0.0.1", f"--port={port}"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def national_write(db: Path) -> dict:
    """A full write of the database (copy, rollups, published and consortium cells, swap), as every import of
    survey data does: seconds and the writer's peak memory, in its own process."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "peers_dash", "protect", "--db", str(db)], cwd=ROOT,
                         capture_output=True, text=True)
    return {"seconds": time.perf_counter() - started, "ok": out.returncode == 0,
            "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> None:
    while True:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return
        except OSError:
            time.sleep(0.05)


def settled(page, started: float, timeout_s: float = 300) -> float:
    """Seconds from `started` until the page's script has run to its end (Streamlit's app root says
    'notRunning') and every chart on it is drawn."""
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


def first_visits(db: Path) -> dict[str, float] | None:
    """Per page: seconds from opening it on a server started for it alone (nothing computed, nothing cached) to
    settled in headless Chromium. None without chromium."""
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=_BROWSER_ARGS)
        for name, script in PAGES.items():
            port = _free_port()
            proc = _serve(db, port)
            try:
                url = f"http://127.0.0.1:{port}"
                _healthy(url)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                path = "/" if script is None else "/" + Path(script).stem
                started = time.perf_counter()
                page.goto(url + path)
                out[name] = settled(page, started)
                page.close()
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    return out


def bench(db: Path, states_n: int = 20, with_pandas: bool = True, with_browser: bool = True,
          with_write: bool = False) -> dict:
    """Every figure of the benchmark for one database."""
    os.environ["PEERS_DB"] = str(db)
    write = national_write(db) if with_write else None  # first: the only child process so far (its memory)
    st.cache_resource.clear()
    states = filter_states(db, states_n)
    overhead = apptest_overhead()
    results: dict = {"database": str(db), "apptest_overhead_ms": 1000 * overhead, "pages": {}}
    if write:
        results["write"] = write
    for name, page in PAGES.items():
        results["pages"][name] = page_reruns(page, states, overhead)
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if with_pandas:
        results["pandas"] = pandas_way(db, [ids for _, ids in states])
    if with_browser:
        results["first_visit_s"] = first_visits(db)
    return results


def report(results: dict) -> str:
    """The figures as a plain table."""
    lines = [f"database: {results['database']}", "",
             f"{'page':<20}{'median ms':>10}{'p95 ms':>9}{'SQL ms':>9}{'KB sent':>9}{'errors':>8}"]
    for name, r in results["pages"].items():
        lines.append(f"{name:<20}{r['median_ms']:>10.0f}{r['p95_ms']:>9.0f}{r['sql_median_ms']:>9.0f}"
                     f"{r['bytes_max'] / 1024:>9.0f}{r['errors']:>8}")
    lines.append("")
    lines.append(f"peak memory of the app process: {results['peak_mb']:,.0f} MB")
    lines.append(f"(server-side times: AppTest's run time minus its own {results['apptest_overhead_ms']:.0f} ms "
                 "overhead, measured on an empty script)")
    pandas = results.get("pandas")
    if pandas and "error" not in pandas:
        ours = results["pages"]["Participation"]["sql_median_ms"]
        theirs = 1000 * statistics.median(pandas["state_s"][1:] or pandas["state_s"])
        lines.append(f"pandas way, everyone (the view a page opens on): {1000 * pandas['state_s'][0]:,.0f} ms for "
                     "Participation's numbers")
        whole = results["pages"]["Participation"]["median_ms"]
        lines.append(f"pandas way ({pandas['rows']:,} rows in memory): load {pandas['load_s']:.1f} s once; "
                     f"Participation's numbers {theirs:.0f} ms per filter change, against our whole rerun "
                     f"{whole:.0f} ms ({theirs / max(whole, 0.001):.1f}x) and its SQL {ours:.0f} ms "
                     f"({theirs / max(ours, 0.001):.1f}x); its peak memory {pandas['peak_mb']:,.0f} MB")
    elif pandas:
        lines.append(f"pandas way could not run: {pandas['error']}")
    if "first_visit_s" in results:
        visits = results["first_visit_s"]
        if visits is None:
            lines.append("first visits: not measured (no chromium)")
        else:
            lines.append("first visit on a fresh server, until settled in Chromium: "
                         + ", ".join(f"{name} {s:.1f} s" for name, s in visits.items()))
    if "write" in results:
        w = results["write"]
        lines.append(f"a full write of this database: {w['seconds']:.0f} s, writer's peak memory "
                     f"{w['peak_mb']:,.0f} MB" + ("" if w["ok"] else " (FAILED)"))
    return "\n".join(lines)
