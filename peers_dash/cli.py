"""python -m peers_dash: build the demo database, describe a database, migrate one.

Wrong arguments, a missing or corrupt database: one line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

import duckdb

from peers_dash import PeersError
from peers_dash.config import load_settings

TABLES = ("institutions", "programs", "cohorts", "groups", "participants", "memberships", "sessions",
          "attendance", "survey_waves", "responses", "answers")
# Constant statements, one per table (no table name is ever formatted into SQL at run time).
_COUNT_SQL = {t: "SELECT count(*) FROM " + t for t in TABLES}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit 2 with usage; keep it to one line
        raise PeersError(f"{message} (see `python -m peers_dash {self.prog.split()[-1]} --help`)")


def _progress(fraction: float, message: str) -> None:
    width = 30
    done = int(round(fraction * width))
    sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {fraction:4.0%} {message[:60]:<60}")
    sys.stderr.flush()
    if fraction >= 1:
        sys.stderr.write("\n")


def cmd_demo(args: argparse.Namespace) -> int:
    from peers_dash.demo import build_demo

    started = time.perf_counter()
    counts = build_demo(args.db, scale=args.scale, seed=args.seed, progress=_progress)
    seconds = time.perf_counter() - started
    print(f"built the {args.scale} demo database at {args.db} in {seconds:.1f} s: "
          f"{counts.get('attendance', 0):,} attendance rows, {counts.get('answers', 0):,} survey answers")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from peers_dash.db import open_readonly
    from peers_dash.lookups import data_status

    con = open_readonly(args.db)
    try:
        status = data_status(con)
        print(f"database        {args.db}")
        print(f"contents        {'SYNTHETIC DEMO DATA' if status['is_demo'] else 'real data'}")
        print(f"schema version  {status['schema_version']}")
        print(f"data version    {status['data_version']} (last written {status['last_written']})")
        print(f"sessions        {status['first_session']} to {status['last_session']}")
        for table in TABLES:
            print(f"{table:<16}{con.execute(_COUNT_SQL[table]).fetchone()[0]:>14,}")
    finally:
        con.close()
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from peers_dash.writer import migrate_file

    before, after = migrate_file(args.db)
    if before == after:
        print(f"{args.db} is already at schema version {after}")
    else:
        print(f"migrated {args.db} from schema version {before} to {after}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    settings = load_settings()
    parser = _Parser(prog="python -m peers_dash", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", type=lambda s: Path(s).expanduser().resolve(), default=settings.db_path,
                       help=f"database file (default: $PEERS_DB or {settings.db_path})")

    demo = sub.add_parser("demo", help="build a synthetic demo database")
    demo.add_argument("--scale", choices=("school", "system", "national"), default="school",
                      help="school: 1 institution; system: 10; national: 150 (tens of millions of rows)")
    demo.add_argument("--seed", type=int, default=settings.demo_seed, help="same seed, same data")
    with_db(demo)
    demo.set_defaults(run=cmd_demo)

    info = sub.add_parser("info", help="row counts, versions, demo or not, date range")
    with_db(info)
    info.set_defaults(run=cmd_info)

    migrate = sub.add_parser("migrate", help="bring a database up to the current schema")
    with_db(migrate)
    migrate.set_defaults(run=cmd_migrate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except PeersError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"error: database: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; the database was left as it was", file=sys.stderr)
        return 130
