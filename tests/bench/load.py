"""Load: concurrent sessions against the dashboard while imports swap in new data.

    python -m tests.bench.load [--sessions 10] [--seconds 60] [--processes 1] [--workdir DIR]

Builds (outside the timing) a copy of the school demo database marked as real, with a roster file, and a
set of sign-in sheets; starts `python -m peers_dash serve` on 127.0.0.1 (with --processes N, N of them reading
the same file behind one port, through a proxy that keeps each browser on one process); opens the given
number of sessions in one headless Chromium (each with its own cookies), each loading random pages with random
filters for the given time, while a CLI import swaps in a new sheet every two seconds. Reports page loads,
errors, pages whose first and last lines name different data versions (must be none), load times, and how the
sessions were shared among the processes. Traffic stays on this machine; loops are bounded.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.bench import server as serving, sql
from tests.bench.server import BROWSER_ARGS, CHROMIUM, ROOT, free_port
from peers_dash.ingest.roster import save_roster
from peers_dash.sitemap import PAGES
from peers_dash.store.db import open_readonly, set_meta
from peers_dash.store.demo import build_demo
from peers_dash.store.writer import writing

PATHS = [p.url for p in PAGES if p.role == "viewer"]  # what a viewer opens


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
            con.execute(sql("load_sheet"), {"round": i}).df().to_csv(sheet, index=False)
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


class StickyProxy:
    """One address in front of several app processes, for the load test (in production, nginx or any load
    balancer with sticky sessions; see the README). A browser gets a process on its first request, remembered
    in a cookie, and keeps it: Streamlit's session, uploads and downloads live in one process. After the first
    request's head, bytes are copied both ways untouched (a websocket included)."""

    COOKIE = b"peers_backend="

    def __init__(self, backends: list[int]) -> None:
        self.backends = backends
        self.assigned = [0] * len(backends)
        self._next = 0

    def _pick(self, head: bytes) -> tuple[int, bool]:
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"cookie:") and self.COOKIE in line:
                value = line.split(self.COOKIE, 1)[1].split(b";", 1)[0].strip()
                if value.isdigit() and int(value) < len(self.backends):
                    return int(value), False
        chosen, self._next = self._next, (self._next + 1) % len(self.backends)
        self.assigned[chosen] += 1
        return chosen, True

    async def handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            head = await client_r.readuntil(b"\r\n\r\n")
            index, new = self._pick(head)
            server_r, server_w = await asyncio.open_connection("127.0.0.1", self.backends[index])
            server_w.write(head)
            if new:  # the response's head gets the cookie that keeps this browser here
                reply = await server_r.readuntil(b"\r\n\r\n")
                client_w.write(reply[:-2] + b"Set-Cookie: " + self.COOKIE + str(index).encode()
                               + b"; Path=/; HttpOnly; SameSite=Lax\r\n\r\n")
            await asyncio.gather(_pipe(client_r, server_w), _pipe(server_r, client_w))
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            client_w.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def _session(browser, url: str, programs: list[str], deadline: float, seed: int, log: list[dict]) -> None:
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})  # its own cookies: its own process
    page = await context.new_page()
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
    await context.close()


async def _drive(url: str, sessions: int, seconds: float, programs: list[str],
                 proxy: StickyProxy | None = None, port: int = 0) -> list[dict]:
    from playwright.async_api import async_playwright

    log: list[dict] = []
    if proxy is not None:
        server = await asyncio.start_server(proxy.handle, "127.0.0.1", port)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*[_session(browser, url, programs, deadline, i, log) for i in range(sessions)])
        await browser.close()
    if proxy is not None:
        server.close()
    return log


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--import-every", type=float, default=2.0, help="seconds between imports (0: none)")
    ap.add_argument("--processes", type=int, default=1, help="app processes behind one port (default 1)")
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="peers_load_"))
    workdir.mkdir(parents=True, exist_ok=True)
    db, sheets, programs = prepare(workdir)
    ports = [free_port() for _ in range(max(1, args.processes))]
    servers = [serving.start(db, p) for p in ports]
    proxy = StickyProxy(ports) if len(ports) > 1 else None
    front = free_port() if proxy else ports[0]
    url = f"http://127.0.0.1:{front}"
    stop, imports = threading.Event(), []
    try:
        for p in ports:
            serving.wait_healthy(f"http://127.0.0.1:{p}")
        if args.import_every > 0:
            threading.Thread(target=_importer, args=(db, sheets, stop, imports, args.import_every)).start()
        log = asyncio.run(_drive(url, args.sessions, args.seconds, programs, proxy, front))
    finally:
        stop.set()
        for proc in servers:
            serving.stop(proc)
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
    if proxy is not None:
        print(f"{len(ports)} app processes behind one port: sessions per process {proxy.assigned}")
    for r in ([r for r in log if r["error"]] + crashed + mixed)[:10]:
        print("  ", r)
    return 0 if not (mixed or crashed or len(log) - len(loads)) else 1


if __name__ == "__main__":
    sys.exit(main())
