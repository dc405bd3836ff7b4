"""python -m peers_dash: build the demo database, describe a database, migrate one.

Wrong arguments, a missing or corrupt database: one line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence

import duckdb

from peers_dash import PeersError
from peers_dash.config import load_settings
from peers_dash.store.plain_errors import explain_duckdb_error, explain_os_error

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
    from peers_dash.store.demo import build_demo

    started = time.perf_counter()
    counts = build_demo(args.db, scale=args.scale, seed=args.seed, progress=_progress, force=args.force)
    seconds = time.perf_counter() - started
    print(f"built the {args.scale} demo database at {args.db} in {seconds:.1f} s: "
          f"{counts.get('attendance', 0):,} attendance rows, {counts.get('answers', 0):,} survey answers")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from peers_dash.store.db import open_readonly
    from peers_dash.queries.lookups import data_status

    con = open_readonly(args.db)
    try:
        status = data_status(con)
        print(f"database        {args.db}")
        print(f"contents        {'SYNTHETIC DEMO DATA' if status['is_demo'] else 'real data'}")
        print(f"schema version  {status['schema_version']}")
        print(f"data version    {status['data_version']} (last written {status['last_written']})")
        print(f"sessions        {status['first_session']} to {status['last_session']}")
        held = con.execute("SELECT count(*) FROM pub_held").fetchall()[0][0]
        print(f"protected for   groups of at least {status['min_cell_size']} people (comments "
              f"{status['min_comment_n']}); {held:,} cells wait for more changes before showing new data")
        for table in TABLES:
            print(f"{table:<16}{con.execute(_COUNT_SQL[table]).fetchall()[0][0]:>14,}")
        verify_blocks(con)
        print("checked         every block of every table reads back")
    finally:
        con.close()
    return 0


def verify_blocks(con: duckdb.DuckDBPyConnection) -> None:
    """Read every value of every table (DuckDB checks each block's checksum as it reads): a file cut short or
    corrupted fails here with a plain sentence, rather than on some page later."""
    from peers_dash.store.plain_errors import damaged

    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = "
                                        "current_database() ORDER BY table_name").fetchall()]
    for table in tables:
        try:
            con.execute("SELECT sum(hash(t)) FROM query_table(?) t", [table]).fetchall()
        except duckdb.Error as exc:
            raise PeersError(explain_duckdb_error(str(exc)) or damaged("the database")) from None


def cmd_migrate(args: argparse.Namespace) -> int:
    from peers_dash.store.writer import migrate_file

    before, after = migrate_file(args.db)
    if before == after:
        print(f"{args.db} is already at schema version {after}")
    else:
        print(f"migrated {args.db} from schema version {before} to {after}")
    return 0


def cmd_protect(args: argparse.Namespace) -> int:
    from peers_dash.store.writer import protect_file

    settings = load_settings()
    protect_file(args.db)
    print(f"protected {args.db} for groups of at least {settings.min_cell_size} people "
          f"(comments: {settings.min_comment_n})")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from peers_dash.ingest.pipeline import init_database

    init_database(args.db, args.institution)
    print(f"started an empty PEERS database at {args.db} for {args.institution}; "
          f"show it with PEERS_DB={args.db} streamlit run app.py")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    import getpass

    from peers_dash.ingest.pipeline import Request, run_import

    files = []
    limit = args.max_mb * 1_000_000
    for path in args.files:
        if not path.is_file():
            raise PeersError(f"no file at {path}")
        if path.stat().st_size > limit:  # checked before reading: the Import page's limit holds here too
            raise PeersError(f"{path.name} is {path.stat().st_size / 1e6:,.1f} MB, over the limit of "
                             f"{args.max_mb:,} MB: split it, or raise the limit with --max-mb. Nothing was changed.")
        files.append((path.name, path.read_bytes()))
    mapping = (args.mapping.name, args.mapping.read_bytes()) if args.mapping else None
    req = Request(kind=args.kind, files=files, fmt=args.format, mapping=mapping, session=args.session,
                  wave=args.wave, eligible=args.eligible, present_share=args.present_share,
                  institution=args.institution, create_new=args.create_new, who=getpass.getuser(),
                  date_order={"day-first": "dmy", "month-first": "mdy"}.get(args.dates))
    outcome = run_import(args.db, req, progress=_progress if sys.stderr.isatty() else None)
    for line in outcome.report.lines():
        print(line, file=sys.stderr)
    if not outcome.ok:
        print(f"rejected: {len(outcome.report.errors)} problem(s); nothing was changed", file=sys.stderr)
        return 2
    print(outcome.summary())
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    import getpass

    from peers_dash.ingest.pipeline import undo_last

    print(undo_last(args.db, getpass.getuser()))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from peers_dash.ui.serve import serve

    if args.db is not None:  # PEERS_DB for this server (settings read it from the environment)
        os.environ["PEERS_DB"] = str(args.db)
    serve(port=args.port, address=args.address)
    return 0


def _existing_file(text: str) -> Path:
    return Path(text).expanduser().resolve()


def build_parser() -> argparse.ArgumentParser:
    from peers_dash.ingest.formats import REGISTRY  # light: a format's parser is imported only when used

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
    demo.add_argument("--force", action="store_true",
                      help="replace an existing file (it is kept as FILE.previous); without it demo never "
                           "writes over a database")
    with_db(demo)
    demo.set_defaults(run=cmd_demo)

    info = sub.add_parser("info", help="row counts, versions, demo or not, date range")
    with_db(info)
    info.set_defaults(run=cmd_info)

    migrate = sub.add_parser("migrate", help="bring a database up to the current schema")
    with_db(migrate)
    migrate.set_defaults(run=cmd_migrate)

    protect = sub.add_parser("protect", help="decide the published cells again with the current minimum "
                                             "(PEERS_MIN_CELL_SIZE, PEERS_MIN_COMMENT_N)")
    with_db(protect)
    protect.set_defaults(run=cmd_protect)

    init = sub.add_parser("init", help="start an empty database to import real data into")
    init.add_argument("--institution", default="My institution", help="the school or hospital's name")
    with_db(init)
    init.set_defaults(run=cmd_init)

    imp = sub.add_parser("import", help="load a roster, sessions, attendance or a survey export, all or nothing",
                         description="Load files into the database, all or nothing: any problem in any file "
                                     "changes nothing and every problem is listed (file, row, column).")
    imp.add_argument("kind", choices=("term", "roster", "sessions", "attendance", "survey"),
                     help="what the files hold; 'term': a term's roster, sessions, sign-in sheets and Zoom / Teams "
                          "reports in any order (or one workbook with a sheet each), imported together")
    imp.add_argument("files", nargs="+", type=_existing_file, metavar="FILE", help="CSV or .xlsx files")
    imp.add_argument("--format", default="auto", choices=("auto", *(n for n, f in REGISTRY.items() if f.parse)),
                     help="the file's format (default: detected)")
    imp.add_argument("--mapping", type=_existing_file, help="survey: a mapping file (see docs/MAPPING.md)")
    imp.add_argument("--session", help="zoom/teams: the session, 'COHORT / GROUP / YYYY-MM-DD' or a session id")
    imp.add_argument("--present-share", type=float, default=0.5,
                     help="zoom/teams: share of the session's length that counts as present (default 0.5)")
    imp.add_argument("--wave", help="survey: the wave, e.g. '2024-25 annual' or '2024-25 post-session 3'")
    imp.add_argument("--eligible", help="survey: people invited (a number, for a one-cohort file) or 'roster'")
    imp.add_argument("--institution", help="roster, survey: the institution new programs belong to")
    imp.add_argument("--dates", choices=("day-first", "month-first"),
                     help="the order of slashed dates such as 03/04/2024, when every date in a file reads both ways "
                          "(without it such a file is refused, never guessed)")
    imp.add_argument("--max-mb", type=int, default=50,
                     help="refuse any file larger than this many MB (default 50, as on the Import page)")
    imp.add_argument("--create-new", action="store_true",
                     help="survey: create the programs and cohorts the file names that the database does not have; "
                          "sign-in sheets: create the sessions they need that it does not have (without it the "
                          "import lists them and stops)")
    with_db(imp)
    imp.set_defaults(run=cmd_import)


    serve = sub.add_parser("serve", help="serve the dashboard (streamlit run app.py, with the pages' libraries "
                                         "loaded before the first visitor)")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", help="address to listen on (default: .streamlit/config.toml's, this computer)")
    serve.add_argument("--db", type=lambda s: Path(s).expanduser().resolve(),
                       help="database file to show (default: $PEERS_DB, else as `streamlit run app.py`)")
    serve.set_defaults(run=cmd_serve)

    undo = sub.add_parser("undo", help="undo the last import")
    with_db(undo)
    undo.set_defaults(run=cmd_undo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except PeersError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        plain = explain_duckdb_error(str(exc))
        print(f"error: {plain or 'database: ' + str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only folder: the world, not a bug
        print(f"error: {explain_os_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; the database was left as it was", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line for the user, nothing written (every writer is all or nothing)
        print(f"error: unexpected {type(exc).__name__}: {exc} (nothing was changed; please report this)",
              file=sys.stderr)
        return 1
