"""Read-only connections, the schema and its migrations, and the metadata table."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from peers_dash import PeersError
from peers_dash.catalog import load_catalog
from peers_dash.protect import protect

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VIEWS = Path(__file__).parent / "views.sql"
ROLLUPS = Path(__file__).parent / "rollups.sql"
ROLLUPS_SESSIONS = Path(__file__).parent / "rollups_sessions.sql"
ROLLUPS_COMPLETENESS = Path(__file__).parent / "rollups_completeness.sql"
# Offline machine: never try to download an extension in the middle of a page.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def migration_files() -> list[tuple[int, Path]]:
    """(version, file) for every migration, in order."""
    found = sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))
    return [(int(p.name[:3]), p) for p in found]


SCHEMA_VERSION = migration_files()[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the database; 0 for an empty database."""
    has_meta = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND database_name = current_database()"
    ).fetchall()[0][0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(row[0][0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Bring a writable connection's database to SCHEMA_VERSION; returns (from, to)."""
    before = schema_version(con)
    if before > SCHEMA_VERSION:
        raise PeersError(
            f"the database has schema version {before}, newer than this app's {SCHEMA_VERSION}: update the app"
        )
    for version, path in migration_files():
        if version > before:
            con.execute(path.read_text())
    con.execute(VIEWS.read_text())  # idempotent: views always match the tables
    load_catalog(con)  # the standard items and the instrument library, as this version of the app has them
    set_meta(con, schema_version=SCHEMA_VERSION)
    return before, SCHEMA_VERSION


def refresh_rollups(con: duckdb.DuckDBPyConnection, *, rev: int, min_n: int, min_comment_n: int) -> None:
    """Rebuild the pre-computed tables and decide the published cells (the writer calls this after every
    write, with the data version it is writing). When the write only replaced the attendance of some
    sessions (listed in the temp table changed_sessions by the attendance import), only those sessions' rows
    and cells are rebuilt."""
    only_sessions = bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'changed_sessions'").fetchall()[0][0])
    con.execute((ROLLUPS_SESSIONS if only_sessions else ROLLUPS).read_text()).fetchall()
    con.execute(ROLLUPS_COMPLETENESS.read_text()).fetchall()
    protect(con, min_n=min_n, min_comment_n=min_comment_n, rev=rev, changed_sessions=only_sessions)
    set_meta(con, min_cell_size=min_n, min_comment_n=min_comment_n)


def set_meta(con: duckdb.DuckDBPyConnection, **values: object) -> None:
    for key, value in values.items():
        con.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, str(value)],
        )


def read_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every metadata key and value as text."""
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def file_version(path: Path) -> tuple[int, int]:
    """(inode, mtime) of the database file: changes whenever the writer swaps in a new copy."""
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns


# The dashboard's connection keeps its buffer pool small: pages read small rollups, and a served app shares
# the machine (PEERS_DUCKDB_MEMORY overrides it, e.g. "4GB" for a national database on a big server).
def _reader_config() -> dict[str, object]:
    return {**_CONFIG, "memory_limit": os.environ.get("PEERS_DUCKDB_MEMORY", "1GB")}


def open_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the database attached read-only as `peers` and in use.

    ATTACH from an in-memory connection (rather than connect(path)) skips DuckDB's instance cache, so a
    connection opened after the writer swapped the file sees the new data.
    """
    path = Path(path)
    if not path.exists():
        raise PeersError(f"no database at {path}")
    con = duckdb.connect(config=_reader_config())
    try:
        con.execute("ATTACH ? AS peers (READ_ONLY)", [str(path)])
        con.execute("USE peers")
        version = schema_version(con)
    except duckdb.Error as exc:
        con.close()
        raise PeersError(f"{path} is not a readable DuckDB database ({_first_line(exc)})") from None
    if version == 0:
        con.close()
        raise PeersError(f"{path} is a DuckDB file but not a PEERS database (no metadata table)")
    if version < SCHEMA_VERSION:
        con.close()
        raise PeersError(
            f"{path} has schema version {version}; run `python -m peers_dash migrate --db {path}` to update it"
        )
    return con


def peek(path: Path) -> tuple[int, dict[str, str]]:
    """(schema version, metadata) of a file, read through an in-memory connection so that it works beside
    the app's own read-only attachment in the same process."""
    con = duckdb.connect(config=_CONFIG)
    try:
        con.execute("ATTACH ? AS peek (READ_ONLY)", [str(path)])
        con.execute("USE peek")
        version = schema_version(con)
        return version, (read_meta(con) if version else {})
    except duckdb.Error as exc:
        raise PeersError(f"{path} is not a readable DuckDB database ({_first_line(exc)})") from None
    finally:
        con.close()


def open_writable(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection; only the writer calls this, on its private copy."""
    try:
        return duckdb.connect(str(path), config=_CONFIG)
    except duckdb.Error as exc:
        raise PeersError(f"{path} is not a readable DuckDB database ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
