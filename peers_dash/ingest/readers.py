"""Read real files into a Table of text cells: CSV in any common encoding and delimiter, and .xlsx.

(Interface fixed by the lead; the implementation is being written.)
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class Table:
    """A file's rows as text. rows has one str column per header name plus `_row`, the row number a
    person sees in a spreadsheet (header = 1)."""

    name: str
    columns: list[str]
    rows: pd.DataFrame
    sheet: str | None = None


def read_raw(data: bytes, name: str) -> list[list[str]]:
    """Every row of the file (header rows included) as lists of text, blank rows kept as []."""
    raise NotImplementedError


def read_table(data: bytes, name: str, header_row: int = 1) -> Table:
    """The file as a Table whose header is row `header_row` (1-based)."""
    raise NotImplementedError
