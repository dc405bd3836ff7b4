"""The page benchmark: every page rerun on filter states it has not seen, with no result cache, measured in
this process (the app's own), plus the pandas way in another process and a cold start in Chromium. Prints
figures; asserts nothing (machines here are noisy).

    python -m tests.bench.pages [--scale school|system|national] [--db PATH] [--states 20] [--write] [--json]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import streamlit as st
from streamlit.testing.v1 import AppTest

logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's bare-mode warnings, once per run

from tests.bench.server import BROWSER_ARGS, CHROMIUM, ROOT, free_port, settled, start, stop, wait_healthy
from peers_dash import queries
from peers_dash.config import load_settings
from peers_dash.model.filters import CohortFilter, ay_label
from peers_dash.queries import lookups
from peers_dash.sitemap import READING_PAGES
from peers_dash.store.db import open_readonly
from peers_dash.ui import data

PAGES = {p.label: None if p.script == "app.py" else p.script for p in READING_PAGES}  # label: script (None: app.py)
SCALES = ("school", "system", "national")


class _QueryTimes(dict):
    """Stands in for the data layer's registry of query functions (peers_dash.ui.data._REGISTRY), so that every
    query the cache misses is timed from outside the product: `spent` holds the seconds of each call."""

    def __init__(self) -> None:
        super().__init__()
        self.spent: list[float] = []

    def __getitem__(self, key: str) -> Callable[..., Any]:
        fn = super().__getitem__(key)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent.append(time.perf_counter() - started)
        return timed


_QUERY_TIMES = _QueryTimes()
data._REGISTRY = _QUERY_TIMES  # the same functions under the same keys, each call timed


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
        _QUERY_TIMES.spent.clear()
        started = time.perf_counter()
        at.run()
        times.append(max(time.perf_counter() - started - overhead, 0.0))
        sql.append(sum(_QUERY_TIMES.spent))
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


# The pandas way's six breakdowns of attendance (tests/bench/pandas_way.py), as our query functions name them.
SAME_SIX = ("class_year", "program", "year", "session_number", "topic", "modality")
_ID_FIELDS = {"institution_id": "institutions", "program_id": "programs", "cohort_id": "cohorts",
              "class_year": "class_years", "modality": "modalities"}


def our_numbers(db: Path, states: list[dict]) -> list[float]:
    """Seconds per filter state for the numbers the pandas way computes (attendance and people by each of
    SAME_SIX), through our query functions on one read-only connection with no cache: the same work side by
    side, without the page around it."""
    con = open_readonly(db)
    try:
        times = []
        for ids in states:
            fields = {_ID_FIELDS[k]: tuple(v) for k, v in ids.items() if k in _ID_FIELDS}
            if ids.get("ay"):
                fields["year_from"], fields["year_to"] = ids["ay"]
            filt = CohortFilter(**fields)
            started = time.perf_counter()
            for by in SAME_SIX:
                queries.attendance(con, filt, [by])
            times.append(time.perf_counter() - started)
        return times
    finally:
        con.close()


def pandas_way(db: Path, states: list[dict]) -> dict | None:
    """The attendance pages the tutorial way, in its own process; None if it could not run."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(states, fh)
    try:
        out = subprocess.run([sys.executable, "-m", "tests.bench.pandas_way", str(db), fh.name], cwd=ROOT,
                             capture_output=True, text=True, timeout=3600)
    finally:
        os.unlink(fh.name)
    if out.returncode != 0:
        why = (out.stderr.strip().splitlines() or [""])[-1]
        if out.returncode < 0:
            why = f"killed by signal {-out.returncode}" + (" (out of memory)" if out.returncode == -9 else "")
        return {"error": why or f"exit code {out.returncode}"}
    return json.loads(out.stdout)


def national_write(db: Path) -> dict:
    """A full write of the database (copy, rollups, published and consortium cells, swap), as every import of
    survey data does: seconds and the writer's peak memory, in its own process."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "peers_dash", "protect", "--db", str(db)], cwd=ROOT,
                         capture_output=True, text=True)
    return {"seconds": time.perf_counter() - started, "ok": out.returncode == 0,
            "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def first_visits(db: Path) -> dict[str, float] | None:
    """Per page: seconds from opening it on a server started for it alone (nothing computed, nothing cached) to
    settled in headless Chromium, in a browser context of its own (nothing cached there either). None without
    chromium."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for page_ in READING_PAGES:
            port = free_port()
            proc = start(db, port)
            try:
                url = f"http://127.0.0.1:{port}"
                wait_healthy(url)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                started = time.perf_counter()
                page.goto(url + page_.url)
                out[page_.label] = settled(page, started)
                page.close()
            finally:
                stop(proc)
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
        results["ours_same_s"] = our_numbers(db, [ids for _, ids in states])
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
        same = results["ours_same_s"]
        theirs, ours = (1000 * statistics.median(t[1:] or t) for t in (pandas["state_s"], same))
        whole = results["pages"]["Participation"]["median_ms"]
        lines += [
            f"pandas way: {pandas['rows']:,} attendance rows in memory, loaded in {pandas['load_s']:.1f} s once, "
            f"peak memory {pandas['peak_mb']:,.0f} MB",
            f"Participation's numbers (attendance and people by {', '.join(SAME_SIX)}), side by side:",
            f"  everyone (the view a page opens on): pandas {1000 * pandas['state_s'][0]:,.0f} ms, ours "
            f"{1000 * same[0]:,.0f} ms ({pandas['state_s'][0] / max(same[0], 1e-6):.0f}x)",
            f"  median filter change: pandas {theirs:.0f} ms, ours {ours:.0f} ms ({theirs / max(ours, 1e-3):.1f}x); "
            f"our whole Participation rerun {whole:.0f} ms ({theirs / max(whole, 1e-3):.1f}x)"]
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.bench.pages", description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=SCALES, default="school",
                    help="a demo database of this scale, built once into data/bench_SCALE.duckdb")
    ap.add_argument("--db", type=lambda t: Path(t).expanduser().resolve(), help="time this database instead")
    ap.add_argument("--states", type=int, default=20, help="filter states per page (default 20)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--no-pandas", action="store_true", help="skip the pandas comparison")
    ap.add_argument("--no-browser", action="store_true", help="skip the first visits in Chromium")
    ap.add_argument("--write", action="store_true", help="also time a full write of the database")
    args = ap.parse_args(argv)
    db = args.db
    if db is None:  # a demo of the scale, built once and again when the app's schema is newer than it
        from peers_dash.store.db import SCHEMA_VERSION, peek
        from peers_dash.store.demo import build_demo

        db = ROOT / "data" / f"bench_{args.scale}.duckdb"
        if not db.exists() or peek(db)[0] < SCHEMA_VERSION:
            build_demo(db, scale=args.scale, seed=load_settings().demo_seed, force=db.exists())
    results = bench(db, states_n=args.states, with_pandas=not args.no_pandas, with_browser=not args.no_browser,
                    with_write=args.write)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
