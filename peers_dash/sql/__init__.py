"""The SQL files of the package, and the one way to read and run them.

A file is named by its path under this folder without `.sql` ("protect/version"):

    schema/    the migrations, numbered (peers_dash.store.db applies those a database lacks), and views.sql: the
               macros and views, re-created after every migration
    rollups/   the pre-computed tables, rebuilt after every write, whole or for the sessions an import changed
               (peers_dash.store.db.refresh_rollups); scope.sql says which
    protect/   the step that decides the published cells (peers_dash.privacy.protect), and what undo carries over
    queries/   what the pages ask (peers_dash.queries, measures, lookups, changes, references): options/ lists a
               filter's choices, labels/ names ids
    ingest/    the imports, by kind of file (peers_dash.ingest)
    notes/     the office's program changes and reference lines; meta/ the metadata table; catalog/ the
               standard instruments and items
    demo/      the synthetic demo, one file per step (peers_dash.store.demo)

Every file opens with comments that say what it computes and name each `$name` parameter and `{name}`
placeholder it uses (tests/test_sql_files.py checks this). `{name}` placeholders are filled only with code
constants (column and table names); every value is a `$name` parameter, bound.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import duckdb

SQL_DIR = Path(__file__).parent
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text()


def names(folder: str, pattern: str = "*") -> list[str]:
    """The names of the files in sql/<folder> whose file name (without .sql) matches `pattern`, sorted."""
    return sorted(f"{folder}/{p.stem}" for p in (SQL_DIR / folder).glob(f"{pattern}.sql"))


@lru_cache(maxsize=None)
def _statements(text: str) -> tuple[str, ...]:
    """The statements of a script: `--` comments dropped (outside quotes), split at semicolons."""
    out, current, quoted, i = [], [], False, 0
    while i < len(text):
        ch = text[i]
        if ch == "'":
            quoted = not quoted
        elif not quoted and text.startswith("--", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        elif not quoted and ch == ";":
            out.append("".join(current).strip())
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    out.append("".join(current).strip())
    return tuple(s for s in out if s)


def run_script(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, object] | None = None,
               **identifiers: str) -> None:
    """Run every statement of sql/<name>.sql, each with the parameters it names."""
    run_text(con, load(name).format(**identifiers) if identifiers else load(name), params, f"{name}.sql")


def run_text(con: duckdb.DuckDBPyConnection, text: str, params: Mapping[str, object] | None = None,
             name: str = "the script") -> None:
    """Run every statement of a script's text, each with the parameters it names (`name` says which script in
    an error)."""
    params = dict(params or {})
    for statement in _statements(text):
        used = set(_PARAM.findall(statement))
        missing = used - set(params)
        if missing:
            raise KeyError(f"{name} needs the parameters {sorted(missing)}")
        con.execute(statement, {k: params[k] for k in used} if used else None).fetchall()
