"""The SQL files of the package, and the one way to read and run them.

A file is named by its path under this folder without `.sql` ("protect/version"). `{name}` placeholders are
filled only with code constants (column and table names); every value is a `$name` parameter, bound.
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
    text = load(name).format(**identifiers) if identifiers else load(name)
    params = dict(params or {})
    for statement in _statements(text):
        used = set(_PARAM.findall(statement))
        missing = used - set(params)
        if missing:
            raise KeyError(f"{name}.sql needs the parameters {sorted(missing)}")
        con.execute(statement, {k: params[k] for k in used} if used else None).fetchall()
