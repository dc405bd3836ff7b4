"""The only writer: one exclusive lock, a private copy, an atomic swap.

DuckDB lets one process hold a database file read-write, and the dashboard holds it read-only, so
nothing ever writes the live file in place. A writer takes `<db>.lock` (a second writer waits its turn),
copies the database to `<db>.<pid>.tmp`, writes there, bumps the data version, checkpoints, and swaps the
copy in with os.replace. A crash at any moment leaves the previous file untouched; readers notice the new
inode and reopen.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from peers_dash import PeersError
from peers_dash.config import load_settings
from peers_dash.ingest.roster import pending_path
from peers_dash.sql import run_script
from peers_dash.store.db import (SCHEMA_VERSION, migrate, newer_schema, open_writable, peek, read_meta, refresh_rollups,
                           set_meta, utc_now)
from peers_dash.store.plain_errors import as_peers_error

# The stages of a write, each logged as it is reached (a record with `stage` and `path`): what a log shows of
# a write that stopped, and where tests/pause_writer.py holds a writer for a test to kill it.
STAGES = ("locked", "copied", "written", "checkpointed")
_log = logging.getLogger(__name__)


def _reached(path: Path, stage: str) -> None:
    _log.debug("writing %s: %s", path.name, stage, extra={"stage": stage, "path": path})


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # blocks: concurrent writers queue rather than fail
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the private copies killed processes left beside `path`: the writer's and the previews' database
    copies and the roster file's temporary copies (which hold names and e-mails). Each carries its process id;
    one whose process still runs (a preview in progress) is kept. Called under the writer's lock."""
    removed = []
    for leftover in path.parent.glob(f"{glob_escape(path.name)}.*.tmp*"):
        parts = leftover.name[len(path.name) + 1:].split(".")
        pid = next((int(x) for x in parts if x.isdigit()), None)
        if pid is None or _pid_alive(pid):
            continue
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    pending = pending_path(path)
    if pending.exists() and path.exists():  # a roster of an import that never landed (killed before the swap)
        if hashlib.sha256(pending.read_bytes()).hexdigest() != peek(path)[1].get("roster_digest"):
            pending.unlink()
            removed.append(pending)
    return removed


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)


def _check_writable(path: Path) -> None:
    if path.exists() and not os.stat(path).st_mode & stat.S_IWUSR:
        raise PeersError(f"{path.name} is marked read-only, so nothing was changed: make it writable "
                         f"(chmod u+w {path.name}) to import into it.")


@dataclass
class Refresh:
    """What a write changed, for the rebuild of the pre-computed tables at its end (db.refresh_rollups). sessions
    None, the default, rebuilds everything; a list says that the write changed nothing but the attendance of
    those sessions, so that only their rows and cells are rebuilt (an attendance import sets it before its
    block ends)."""

    sessions: list[int] | None = None


@contextmanager
def writing(path: Path, *, new: bool = False, demo: bool = False, start_from: Path | None = None,
            keep_previous: bool = False, refresh: Refresh | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection on a private copy of `path`, swapped in if the block ends without error.

    new=True starts from an empty database (replacing any file at `path`); otherwise `path` must exist.
    start_from copies another file instead of `path` (undo). keep_previous leaves the replaced file at
    previous_path(path), so the change can be undone. The schema is migrated first; the pre-computed tables
    are rebuilt (as `refresh` says when it is given) and the data version is bumped on the way out; the file
    keeps its permissions. A full disk or a read-only folder raises a
    PeersError that says so in one sentence.
    """
    path = Path(path).resolve()
    if not new and not path.exists():
        raise PeersError(f"no database at {path.name}")
    try:
        _check_writable(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive_lock(path):
            _reached(path, "locked")
            remove_leftovers(path)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            try:
                with _private_copy(path, tmp, new=new, demo=demo, start_from=start_from, refresh=refresh) as con:
                    yield con
                _swap(path, tmp, keep_previous=keep_previous)
            finally:
                for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                    leftover.unlink(missing_ok=True)
    except (OSError, duckdb.Error) as exc:
        plain = as_peers_error(exc, path)
        if plain is exc:
            raise
        raise plain from None


@contextmanager
def _private_copy(path: Path, tmp: Path, *, new: bool, demo: bool, start_from: Path | None,
                  refresh: Refresh | None) -> Iterator[duckdb.DuckDBPyConnection]:
    if not new:
        shutil.copyfile(start_from or path, tmp)
    _reached(path, "copied")
    con = open_writable(tmp)
    try:
        migrate(con)
        previous = _current_data_version(path) if start_from else int(read_meta(con).get("data_version", "0"))
        if new:
            set_meta(con, is_demo=str(demo).lower())
        yield con
        if start_from is not None and path.exists():
            carry_publication_history(con, path)
        settings = load_settings()
        refresh_rollups(con, rev=previous + 1, min_n=settings.min_cell_size, min_comment_n=settings.min_comment_n,
                        sessions=refresh.sessions if refresh else None)
        set_meta(con, data_version=previous + 1, last_written=utc_now())
        _reached(path, "written")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    _reached(path, "checkpointed")


def _swap(path: Path, tmp: Path, *, keep_previous: bool) -> None:
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    if path.exists():
        os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))  # the database keeps the permissions it was given
    if keep_previous and path.exists():
        previous_path(path).unlink(missing_ok=True)
        os.link(path, previous_path(path))  # the old inode lives on under this name
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    _reached(path, "swapped")  # not in STAGES: the new file is in; what follows the swap (the roster) is tested


@contextmanager
def rehearsal(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection on a throwaway copy of `path`: an import's preview runs exactly the import's
    code here, and nothing is kept. Takes no lock, so a preview never waits behind an import."""
    path = Path(path).resolve()
    if not path.exists():
        raise PeersError(f"no database at {path.name}")
    tmp = path.with_name(f"{path.name}.{os.getpid()}.preview.tmp")
    try:
        shutil.copyfile(path, tmp)
        con = open_writable(tmp)
        try:
            migrate(con)
            yield con
        finally:
            con.close()
    except (OSError, duckdb.Error) as exc:
        plain = as_peers_error(exc, path)
        if plain is exc:
            raise
        raise plain from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)


def carry_publication_history(con: duckdb.DuckDBPyConnection, current: Path) -> None:
    """Copy into a write that starts from an older file (undo) every content the current file has published,
    where its small cells were combined and where each survey response was first placed: what a viewer may
    have seen is never forgotten, so the next version is checked against it too (peers_dash.privacy.protect)."""
    con.execute("ATTACH ? AS current_db (READ_ONLY)", [str(current)])
    try:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'current_db'").fetchall()}
        if "response_place" in tables:  # with the secret its keys are made with
            run_script(con, "protect/carry_places")
        if {"pub_hist", "pub_assign"} <= tables:
            run_script(con, "protect/carry_history")
    finally:
        con.execute("DETACH current_db")


def previous_path(path: Path) -> Path:
    """Where the database before the last import is kept, for undo."""
    return path.with_name(path.name + ".previous")


def _current_data_version(path: Path) -> int:
    return int(peek(path)[1].get("data_version", "0"))


def protect_file(path: Path) -> None:
    """Decide the published cells of the database at `path` again, with the current settings (a write that
    changes no data: the version rule still compares with everything published before)."""
    path = Path(path).resolve()
    if not path.exists():
        raise PeersError(f"no database at {path.name}")
    with writing(path):
        pass


def migrate_file(path: Path) -> tuple[int, int]:
    """Bring the database at `path` to the current schema through the writer; returns (from, to)."""
    path = Path(path).resolve()
    if not path.exists():
        raise PeersError(f"no database at {path.name}")
    before = peek(path)[0]
    if before == 0:
        raise PeersError(f"{path.name} is a DuckDB file but not a PEERS database (no metadata table)")
    if before > SCHEMA_VERSION:
        raise PeersError(newer_schema(path, before))
    if before < SCHEMA_VERSION:
        with writing(path):
            pass
    return before, SCHEMA_VERSION
