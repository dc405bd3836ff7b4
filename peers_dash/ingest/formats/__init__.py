"""Every export format as one self-describing module: its name, what it holds, how it recognises a file from
the file's first rows, and how it parses one. The registry finds the modules in this folder, so adding a
format touches one file (frictionless-py's format plugins are the model).

A module defines FORMAT = Format(...). detect() asks each format in order of `order` (most specific first:
a Qualtrics export also looks like any table) and the first that recognises the file wins; `wide` (any other
table) comes last. A format's parser lives in formats/parsers/ and is imported only when a file is parsed, so
the registry, which imports every module here, stays light.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from peers_dash.ingest.problems import Report


@dataclass(frozen=True)
class Head:
    """What a format recognises a file by: its first rows (text cells), and the first non-blank row's
    header keys (lower case, without spaces or punctuation)."""

    rows: list[list[str]]
    header: list[str]
    first: list[str]


@dataclass
class Input:
    """One file to parse and the import's options a format may use."""

    name: str
    data: bytes
    report: Report
    mapping: object = None                       # a survey Mapping
    dictionary: tuple[str, bytes] | None = None  # REDCap: (name, bytes) of the data dictionary
    date_order: str | None = None                # 'dmy' / 'mdy' when the person importing said it


Frames = dict[str, pd.DataFrame]
TEMPLATES = ("roster", "sessions", "signin")  # the dashboard's own templates (Import page downloads)


@dataclass(frozen=True)
class Format:
    name: str                              # 'zoom': the --format value and what the import log records
    kind: str                              # roster, sessions, attendance or survey: what the file holds
    label: str                             # 'a Zoom report', for messages
    order: int                             # recognition order: lower is asked first
    recognise: Callable[[Head], bool]
    parse: Callable[[Input], Frames | None] | None = None  # None: not data itself (a REDCap dictionary)


def _load() -> dict[str, Format]:
    found = []
    for module in pkgutil.iter_modules(__path__):
        fmt = getattr(importlib.import_module(f"{__name__}.{module.name}"), "FORMAT", None)
        if isinstance(fmt, Format):
            found.append(fmt)
    return {f.name: f for f in sorted(found, key=lambda f: (f.order, f.name))}


REGISTRY: dict[str, Format] = _load()
LABELS = {name: f.label for name, f in REGISTRY.items()}


def by_kind(kind: str) -> tuple[str, ...]:
    """The formats of one kind of import, in recognition order."""
    return tuple(name for name, f in REGISTRY.items() if f.kind == kind)


def recognise(head: Head) -> str:
    """The name of the first format (in order) that recognises the file."""
    return next(name for name, f in REGISTRY.items() if f.recognise(head))


def _head(data: bytes, name: str, size: int = 262_144) -> bytes:
    """The first part of a big text file (the header rows tell its format); a spreadsheet whole."""
    if len(data) <= size or data[:2] == b"PK" or name.lower().endswith((".xlsx", ".xls")):
        return data
    cut = data[:size]
    newline = cut.rfind(b"\n")
    return cut[:newline + 1] if newline > 0 else cut


def detect_format(data: bytes, name: str) -> str:
    """The name of the format of a file, from its first rows ('wide' for any other table). Raises ReadError
    for a file that is no table."""
    from peers_dash.ingest.formats.parsers.templates import header_key
    from peers_dash.ingest.read import read_raw

    rows = read_raw(_head(data, name), name)
    first = next((r for r in rows if r), [])
    return recognise(Head(rows=rows, header=[header_key(c) for c in first], first=first))
