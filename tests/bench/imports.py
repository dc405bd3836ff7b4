"""Benchmark: a big attendance CSV through the CLI, end to end, into a copy of the school database.

    python -m tests.bench.imports [--rows 5000000] [--workdir DIR]

Builds (outside the timing) a copy of the school demo database marked as real, adds a benchmark program
with enough groups, members and sessions for the sheet (50,000 people in 6,250 groups of 8, 100 sessions
a group for 5 million rows), writes their roster file and the sign-in CSV; then times
`python -m peers_dash import attendance FILE --db COPY` (parse, validate, write, swap) as a user would run
it, and prints rows per second and the importer's peak memory. Not a test: machines here are noisy.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from tests.bench import sql
from peers_dash.ingest.roster import save_roster
from peers_dash.sql import run_text
from peers_dash.store.db import set_meta
from peers_dash.store.demo import build_demo
from peers_dash.store.writer import writing

MEMBERS, SESSIONS_PER_GROUP = 8, 100


def prepare(workdir: Path, rows: int) -> tuple[Path, Path]:
    """(database copy, sign-in CSV) with `rows` rows, built outside the timing."""
    school = workdir / "school_demo.duckdb"
    if not school.exists():
        build_demo(school, scale="school", seed=2017)
    db = workdir / "bench.duckdb"
    for leftover in workdir.glob("bench.duckdb*"):
        leftover.unlink()
    shutil.copyfile(school, db)
    groups = max(1, rows // (MEMBERS * SESSIONS_PER_GROUP))
    people = groups * MEMBERS
    with writing(db) as con:
        set_meta(con, is_demo="false")
        sizes = {"groups": groups, "members": MEMBERS, "people": people, "per_group": SESSIONS_PER_GROUP}
        run_text(con, sql("import_structure"), sizes, "tests/bench/sql/import_structure.sql")
        ids = con.execute("SELECT participant_id FROM participants ORDER BY 1").df()["participant_id"]
        sheet = workdir / "signin_bench.csv"
        con.sql(sql("import_sheet")).write_csv(str(sheet), header=True)  # the path is an argument
    save_roster(db, pd.DataFrame({"participant_id": ids, "roster_id": "",
                                  "email": "p" + ids.astype(str) + "@bench.example", "name": ""}))
    return db, sheet


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="peers_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    db, sheet = prepare(workdir, args.rows)
    n = sum(1 for _ in open(sheet, "rb")) - 1
    print(f"prepared in {time.perf_counter() - started:.1f} s: {n:,} rows, {sheet.stat().st_size / 1e6:.0f} MB CSV, "
          f"database {db.stat().st_size / 1e6:.0f} MB", flush=True)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "peers_dash", "import", "attendance", str(sheet), "--db", str(db),
                          "--max-mb", "2000"],
                         capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(out.stdout.strip() or out.stderr.strip()[-2000:])
    print(f"import: {seconds:.1f} s end to end, {n / seconds:,.0f} rows/s, peak memory {peak_mb:,.0f} MB "
          f"(exit {out.returncode})")
    return out.returncode


if __name__ == "__main__":
    sys.exit(main())
