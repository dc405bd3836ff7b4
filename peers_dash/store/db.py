"""Read-only connections, the schema and its migrations, and the metadata table."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Collection

import duckdb

from peers_dash import PeersError
from peers_dash.config import read_setting
from peers_dash.model.catalog import load_catalog
from peers_dash.privacy.protect import protect
from peers_dash.sql import names, run_script
from peers_dash.store.plain_errors import damaged, explain_duckdb_error

# Offline machine: never try to download an extension in the middle of a page.
_HEADER_BYTES = 3 * 4096  # DuckDB's main header and its two database headers come before the blocks
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def migration_files() -> list[tuple[int, str]]:
    """(version, name) of every migration (sql/schema/NNN_*.sql), in order."""
    return [(int(name.split("/")[-1][:3]), name) for name in names("schema", "[0-9][0-9][0-9]_*")]


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
        raise PeersError(newer_schema(None, before))
    for version, name in migration_files():
        if version > before:
            run_script(con, name)
    run_script(con, "schema/views")  # idempotent: views always match the tables
    load_catalog(con)  # the standard items and the instrument library, as this version of the app has them
    set_meta(con, schema_version=SCHEMA_VERSION)
    return before, SCHEMA_VERSION


def newer_schema(path: Path | None, version: int) -> str:
    name = Path(path).name if path else "the database"
    return (f"{name} was written by a newer version of the PEERS dashboard (schema version {version}; this app "
            f"knows up to {SCHEMA_VERSION}): update the app (git pull, then pip install -r requirements.txt) "
            "before showing or changing it. Nothing was changed.")


def check_complete(con: duckdb.DuckDBPyConnection, path: Path, alias: str) -> None:
    """Refuse a database file shorter than the blocks its header lists (cut short by a full disk or an
    unfinished copy): without this it opens, and every page fails on the first block it misses. DuckDB may
    leave free blocks off the end of the file, so the bound is the blocks in use (a cut that only removes
    free blocks loses nothing; a cut inside one is caught by the page that reads it, see ui.data.run)."""
    row = con.execute("SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = ?",
                      [alias]).fetchall()
    if row and row[0][0] and os.path.getsize(path) < _HEADER_BYTES + row[0][0] * row[0][1]:
        raise PeersError(damaged(Path(path).name))


# The pre-computed tables (sql/rollups/<name>.sql). The attendance rollups rebuild every row or only those of
# the sessions an import changed; the survey rollups are rebuilt whole, and only when anything else changed;
# completeness is rebuilt whole after every write.
ATTENDANCE_ROLLUPS = ("attendance_facts", "person_year", "group_year")
SURVEY_ROLLUPS = ("answer_rollup", "score_rollup", "response_rollup")


def refresh_rollups(con: duckdb.DuckDBPyConnection, *, rev: int, min_n: int, min_comment_n: int,
                    sessions: Collection[int] | None = None) -> None:
    """Rebuild the pre-computed tables and decide the published cells (the writer calls this after every
    write, with the data version it is writing). sessions: when the write changed nothing but the attendance
    of these sessions (an attendance import), only their rows and cells are rebuilt; None rebuilds everything."""
    everything = sessions is None
    run_script(con, "rollups/scope", {"sessions": [] if everything else sorted({int(s) for s in sessions})})
    for name in ATTENDANCE_ROLLUPS:
        run_script(con, f"rollups/{name}", {"all": everything})
    if everything:
        for name in SURVEY_ROLLUPS:
            run_script(con, f"rollups/{name}")
    run_script(con, "rollups/completeness_facts")
    run_script(con, "rollups/dim_labels")
    protect(con, min_n=min_n, min_comment_n=min_comment_n, rev=rev, everything=everything)
    set_meta(con, min_cell_size=min_n, min_comment_n=min_comment_n)


def set_meta(con: duckdb.DuckDBPyConnection, **values: object) -> None:
    for key, value in values.items():
        run_script(con, "meta/set", {"key": key, "value": str(value)})


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
# the machine (the duckdb_memory setting, PEERS_DUCKDB_MEMORY: e.g. "4GB" for a national database on a big server).
def _reader_config() -> dict[str, object]:
    return {**_CONFIG, "memory_limit": read_setting("duckdb_memory")}


def open_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the database attached read-only as `peers` and in use.

    ATTACH from an in-memory connection (rather than connect(path)) skips DuckDB's instance cache, so a
    connection opened after the writer swapped the file sees the new data.
    """
    path = Path(path)
    if not path.exists():
        raise PeersError(f"no database at {path.name}")
    con = duckdb.connect(config=_reader_config())
    try:
        con.execute("ATTACH ? AS peers (READ_ONLY)", [str(path)])
        con.execute("USE peers")
        check_complete(con, path, "peers")
        version = schema_version(con)
    except duckdb.Error as exc:
        con.close()
        raise PeersError(_unreadable(path, exc)) from None
    except PeersError:
        con.close()
        raise
    problem = None
    if version == 0:
        problem = f"{path.name} is a DuckDB file but not a PEERS database (no metadata table)"
    elif version > SCHEMA_VERSION:
        problem = newer_schema(path, version)
    elif version < SCHEMA_VERSION:
        problem = f"{path.name} has schema version {version}; run `python -m peers_dash migrate --db PATH` to update it"
    if problem:
        con.close()
        raise PeersError(problem)
    return con


def peek(path: Path) -> tuple[int, dict[str, str]]:
    """(schema version, metadata) of a file, read through an in-memory connection so that it works beside
    the app's own read-only attachment in the same process."""
    con = duckdb.connect(config=_CONFIG)
    try:
        con.execute("ATTACH ? AS peek (READ_ONLY)", [str(path)])
        con.execute("USE peek")
        check_complete(con, path, "peek")
        version = schema_version(con)
        return version, (read_meta(con) if version else {})
    except duckdb.Error as exc:
        raise PeersError(_unreadable(path, exc)) from None
    finally:
        con.close()


def open_writable(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection; only the writer calls this, on its private copy."""
    try:
        return duckdb.connect(str(path), config=_CONFIG)
    except duckdb.Error as exc:
        raise PeersError(_unreadable(path, exc)) from None


def _unreadable(path: Path, exc: duckdb.Error) -> str:
    """Why a file cannot be opened, in plain words and with the file's name only."""
    return explain_duckdb_error(str(exc), path) or (
        f"{Path(path).name} is not a readable DuckDB database ({_first_line(exc).replace(str(path), Path(path).name)})")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
