"""The app's side of the database: one read-only connection per database file, a cursor per call, and
query results cached by the data version (a new import gives new cache keys, so nothing stale shows)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import duckdb
import streamlit as st

from peers_dash import PeersError
from peers_dash.config import Settings, load_settings
from peers_dash.model.dimensions import BY_KEY, OWN_TO_INSTITUTION
from peers_dash.model.filters import CohortFilter, consortium_minimum
from peers_dash.queries import consortium, lookups
from peers_dash.store.db import file_version, open_readonly
from peers_dash.store.plain_errors import explain_duckdb_error


T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings()


def _still_current(handle: tuple[duckdb.DuckDBPyConnection, Path, tuple[int, int]]) -> bool:
    try:
        return file_version(handle[1]) == handle[2]
    except OSError:
        return False


# One shared connection per file; `validate` drops it when the writer has swapped in a new file. It is not
# closed on release: a run still pinned to it (below) finishes on the data it started with, and the old
# connection goes when the last reference does. It is only ever used through per-call cursors.
@st.cache_resource(validate=_still_current, show_spinner=False)
def _connection(path: str) -> tuple[duckdb.DuckDBPyConnection, Path, tuple[int, int]]:
    p = Path(path)
    version = file_version(p)
    return open_readonly(p), p, version


_run_local = threading.local()


def pin() -> None:
    """Fix the database version for the rest of this script run: every query of one page is computed from
    the same data even if an import swaps the file meanwhile (shell.start calls this first)."""
    _run_local.handle = _connection(str(settings().db_path))


def _handle() -> tuple[duckdb.DuckDBPyConnection, Path, tuple[int, int]]:
    handle = getattr(_run_local, "handle", None)
    if handle is None or handle[1] != settings().db_path:
        handle = _connection(str(settings().db_path))
    return handle


@contextmanager
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the pinned database, with it in use."""
    with _handle()[0].cursor() as cur:
        cur.execute("USE peers")
        yield cur


def data_version() -> tuple[int, int]:
    """The pinned file's version: part of every cache key, so a new import never meets old results."""
    return _handle()[2]


# What a person limited to some institutions may call without a cohort filter: facts of the whole database that
# hold no institution's figures (which years and questions exist, the data's version). Every other function
# must take a CohortFilter, which `run` narrows to their institutions; anything else is refused (fail closed).
_SCOPE_FREE = frozenset({lookups.data_status, lookups.items, lookups.institution_ids, consortium.ready})
# The query functions by key: filled by `run`, read by the cache (its key must be text, not a function).
_REGISTRY: dict[str, Callable[..., Any]] = {}


def key_of(fn: Callable[..., Any]) -> str:
    """'peers_dash.queries.attendance': a query function's name in the cache and in messages."""
    return f"{fn.__module__}.{fn.__qualname__}"


def set_scope(scope: tuple[int, ...] | None) -> None:
    """The institutions this script run may read (None: every one). shell.start sets it before any query."""
    _run_local.scope = scope


def scope() -> tuple[int, ...] | None:
    return getattr(_run_local, "scope", None)


def _narrowed(fn: Callable[..., Any], args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    """The call's arguments with every cohort filter narrowed to the person's institutions: an own-figure
    filter to their institutions (never another's), a consortium filter to consortium cells of enough
    institutions for them (CohortFilter.consortium). A function with no filter is refused unless it is in
    _SCOPE_FREE."""
    limited = scope()
    if limited is None or fn in _SCOPE_FREE:
        return args, kwargs
    if not limited:
        raise PermissionError("no institution is assigned to this person")
    found = []

    def narrow(value: Any) -> Any:
        if not isinstance(value, CohortFilter):
            return value
        found.append(value)
        if value.across:
            cleared = {BY_KEY[k].field: () for k in OWN_TO_INSTITUTION}
            return replace(value, **cleared, across=max(value.across, consortium_minimum(len(limited))))
        return value.within(limited)

    args = tuple(narrow(a) for a in args)
    kwargs = {k: narrow(v) for k, v in kwargs.items()}
    if fn is consortium.beside:  # the middle half is of the other institutions: one's own is left out of it
        kwargs["exclude"] = tuple(sorted(set(kwargs.get("exclude", ())) | set(limited)))
    if not found:
        raise PermissionError(f"{fn.__qualname__} reads every institution: not available to a person limited to some")
    return args, kwargs


def _cache_ttl_s() -> int:
    try:
        return load_settings().cache_ttl_s
    except PeersError:  # a malformed setting: every page reports it; keep the default meanwhile
        return Settings.cache_ttl_s


@st.cache_data(ttl=_cache_ttl_s(), max_entries=2048, show_spinner=False)
def _cached(key: str, args: tuple, kwargs: tuple, version: tuple[int, int]) -> Any:
    with cursor() as cur:
        return _REGISTRY[key](cur, *args, **dict(kwargs))


def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call a query function (its first parameter a connection) with a cursor, cached by its arguments and the
    data version, with its filters narrowed to the person's institutions. Pages call it through peers_dash.ui.read,
    which gives each query its signature. A damaged file (a block cut short or corrupted) stops the page with one
    plain sentence, not a traceback."""
    key = key_of(fn)
    _REGISTRY.setdefault(key, fn)
    args, kwargs = _narrowed(fn, args, kwargs)
    try:
        return _cached(key, tuple(args), tuple(sorted(kwargs.items())), data_version())
    except duckdb.Error as exc:
        plain = explain_duckdb_error(str(exc), settings().db_path)
        if plain is None:
            raise
        st.error(plain, icon=":material/database:")
        st.stop()


