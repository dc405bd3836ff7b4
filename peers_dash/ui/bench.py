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
from peers_dash.ui import data

PAGES = {"Overview": None, "Participation": "pages/participation.py", "Perceived support": "pages/support.py",
         "Well-being trends": "pages/trends.py", "Programs": "pages/programs.py", "Groups": "pages/groups.py",
         "Extracts": "pages/extracts.py", "Methods": "pages/methods.py"}


def filter_states(db: Path, n: int, seed: int = 1) -> list[tuple[dict, dict]]:
    """(URL parameters, the same view in v_attendance's names) for n varied filter states, as a leader
    would pick them: an institution first where there are many, then programs, cohorts, class years,
    a year range."""
    con = open_readonly(db)
    try:
        inst = lookups.institutions(con)
        progs = lookups.programs(con)
        cohorts = lookups.cohorts(con)
        class_years = list(lookups.options(con, "class_year", CohortFilter())["value"])
        years = lookups.academic_years(con)
    finally:
        con.close()
    rng = random.Random(seed)
    multi = len(inst) > 1
    inst_name = dict(zip(inst["institution_id"], inst["name"]))
    states = []
    for i in range(n):
        params: dict[str, list[str]] = {}
        names: dict[str, object] = {}
        program = progs.iloc[rng.randrange(len(progs))]
        if multi or i % 3 == 0:
            params["institution"] = [inst_name[program["institution_id"]]] if multi else []
            names["institution"] = params["institution"]
            label = f"{program['name']} · {inst_name[program['institution_id']]}" if multi else program["name"]
            params["program"], names["program"] = [label], [program["name"]]
            if i % 2:
                mine = cohorts[cohorts["program_id"] == program["program_id"]]
                if len(mine):
                    cohort = mine.iloc[rng.randrange(len(mine))]["name"]
                    params["cohort"], names["cohort"] = [cohort], [cohort]
        if i % 3 == 1:
            cy = rng.sample(class_years, k=min(2, len(class_years)))
            params["class_year"], names["class_year"] = cy, cy
        if i % 4 == 2 and len(years) > 2:
            a = rng.randrange(len(years) - 2)
            b = rng.randrange(a + 1, len(years))
            params["years"] = [ay_label(years[a]), ay_label(years[b])]
            names["years"] = params["years"]
        states.append(({k: v for k, v in params.items() if v}, names))
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


def apptest_overhead(runs: int = 5) -> float:
    """Seconds AppTest itself adds to a run (scanning components, polling): measured on an empty script
    and subtracted, so that the figures are the page's own server-side time."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "empty.py"
        script.write_text(_EMPTY)
        times = []
        for _ in range(runs):
            at = AppTest.from_file(str(script), default_timeout=60)
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_page(page: str | None, params: dict, overhead: float = 0.0) -> tuple[float, float, int, bool]:
    """(seconds for the run, seconds in queries, bytes of elements, ok) for one page and filter state,
    with no cached results."""
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    if page:
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    data.QUERY_SECONDS[0] = 0.0
    started = time.perf_counter()
    at.run()
    seconds = max(time.perf_counter() - started - overhead, 0.0)
    size = sum(_proto_bytes(node) for node in at._tree.children.values())
    return seconds, data.QUERY_SECONDS[0], size, not at.exception


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


def cold_start(db: Path) -> float | None:
    """Seconds from starting a server to the first page's charts drawn in headless Chromium."""
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PEERS_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
                             "--server.address=127.0.0.1", f"--server.port={port}"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=120_000)
            seconds = time.perf_counter() - started
            browser.close()
        return seconds
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bench(db: Path, states_n: int = 20, with_pandas: bool = True, with_browser: bool = True) -> dict:
    """Every figure of the benchmark for one database."""
    os.environ["PEERS_DB"] = str(db)
    st.cache_resource.clear()
    states = filter_states(db, states_n)
    overhead = apptest_overhead()
    results: dict = {"database": str(db), "apptest_overhead_ms": 1000 * overhead, "pages": {}}
    for name, page in PAGES.items():
        run_page(page, {})  # warm: imports, connection, page code
        runs = [run_page(page, params, overhead) for params, _ in states]
        times = sorted(r[0] for r in runs)
        results["pages"][name] = {
            "median_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * times[max(0, int(round(0.95 * len(times))) - 1)],
            "sql_median_ms": 1000 * statistics.median(r[1] for r in runs),
            "bytes_max": max(r[2] for r in runs),
            "errors": sum(not r[3] for r in runs),
        }
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if with_pandas:
        results["pandas"] = pandas_way(db, [names for _, names in states])
    if with_browser:
        results["cold_start_s"] = cold_start(db)
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
        theirs = 1000 * statistics.median(pandas["state_s"])
        lines.append(f"pandas way ({pandas['rows']:,} rows in memory): load {pandas['load_s']:.1f} s once; "
                     f"Participation's numbers {theirs:.0f} ms per filter change vs our SQL {ours:.0f} ms "
                     f"({theirs / max(ours, 0.001):.1f}x faster here); its peak memory {pandas['peak_mb']:,.0f} MB")
    elif pandas:
        lines.append(f"pandas way could not run: {pandas['error']}")
    if "cold_start_s" in results:
        cold = results["cold_start_s"]
        lines.append("cold start to first chart: " + (f"{cold:.1f} s" if cold else "not measured (no chromium)"))
    return "\n".join(lines)
