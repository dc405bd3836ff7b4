"""A file's rows as a Table of text cells, with the row number a person sees beside each row.

Every cell stays text: decimal commas, dates and formula-looking cells ('=HYPERLINK(...)') are kept as
written; the format parsers convert with to_number and parse_date. A file that is not a table is refused with
a ReadError whose message names the file and says what to do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from peers_dash import PeersError

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
MAX_MINUTES = 24 * 60  # a session, or a person's time in one, is shorter than a day
GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")  # '1,000' or '1.000': thousands or a decimal? refused
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")


class ReadError(PeersError):
    """A file that cannot be read as a table; the message names the file and says why."""


@dataclass
class Table:
    """A file's rows as text. rows has one str column per header name plus `_row`, the row number a
    person sees in a spreadsheet (header = 1)."""

    name: str
    columns: list[str]
    rows: pd.DataFrame
    sheet: str | None = None
    # Header names made unique: new name -> the name as written ('Email_2' -> 'Email').
    renamed: dict[str, str] = field(default_factory=dict)
    # Rows whose number of values does not fit the header: row number -> number of values.
    ragged: dict[int, int] = field(default_factory=dict)
    # The CSV delimiter found (None for .xlsx).
    delimiter: str | None = None
    # The day/month order of slashed dates when the person importing said it ('dmy' or 'mdy'); None: decided
    # from the file's own values, or refused as ambiguous.
    date_order: str | None = None

    def original(self, column: str) -> str:
        """The header as written in the file for one of columns."""
        return self.renamed.get(column, column)


def to_number(text: object) -> float | None:
    """The number in text ('3', '3.5', '3,5', ' 4 '), or None ('3,5,6', 'abc', '')."""
    s = str(text if text is not None else "").strip().replace("\u00a0", "")
    if not _NUMBER.match(s):
        return None
    return float(s.replace(",", "."))


def delimiter_name(delimiter: str | None) -> str:
    """'commas', 'semicolons', 'tabs' ... for a message."""
    return _DELIMITER_NAMES.get(delimiter or "", repr(delimiter))


# --- rows -> Table --------------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """'A', 'B', ... 'AA' for a 0-based column index, as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def clean_header(text: str) -> str:
    """A header name without byte-order marks and surrounding whitespace."""
    return str(text).replace("\ufeff", "").replace("\u200b", "").strip()


def _unique(names: list[str]) -> tuple[list[str], dict[str, str]]:
    seen = {n.casefold() for n in names}
    used: set[str] = set()
    out, renamed = [], {}
    for n in names:
        if n.casefold() not in used:
            used.add(n.casefold())
            out.append(n)
            continue
        k = 2
        while f"{n}_{k}".casefold() in seen | used:
            k += 1
        new = f"{n}_{k}"
        used.add(new.casefold())
        out.append(new)
        renamed[new] = n
    return out, renamed


def table_from_rows(rows: list[list[str]], name: str, header_row: int = 1, *, last_row: int | None = None,
                    sheet: str | None = None, delimiter: str | None = None) -> Table:
    """A Table from read_raw's rows: header at row header_row, data up to last_row (1-based, inclusive).

    Blank rows are skipped (the others keep their real row numbers); columns without a header name
    are dropped when empty and else named after their letter ('Column F'); duplicate names get a
    suffix ('Email_2', see Table.renamed)."""
    if header_row < 1 or header_row > len(rows) or not rows[header_row - 1]:
        if not any(rows):
            raise ReadError(f"{name} is empty.")
        raise ReadError(f"{name} has no header in row {header_row}: the first row should name the columns.")
    header = [clean_header(h) for h in rows[header_row - 1]]
    end = len(rows) if last_row is None else min(last_row, len(rows))
    body = [(i + 1, r) for i, r in enumerate(rows[header_row:end], start=header_row) if r]
    width = max([len(header)] + [len(r) for _, r in body])
    header += [""] * (width - len(header))
    keep = [j for j in range(width) if header[j] or any(j < len(r) and r[j].strip() for _, r in body)]
    names = [header[j] or f"Column {column_letter(j)}" for j in keep]
    names, renamed = _unique(names)
    ragged: dict[int, int] = {}
    n_header = max([j + 1 for j, h in enumerate(header) if h], default=0)
    others = [d for d in DELIMITERS if d != delimiter] if delimiter else []
    for number, r in body:
        filled = len(r)
        while filled and not r[filled - 1].strip():
            filled -= 1
        if filled > n_header or (filled < n_header and any(d in c for c in r for d in others)):
            ragged[number] = filled
    columns = {n: [r[j] if j < len(r) else "" for _, r in body] for n, j in zip(names, keep)}
    columns["_row"] = [number for number, _ in body]
    frame = pd.DataFrame(columns, columns=names + ["_row"])
    frame["_row"] = frame["_row"].astype("int64")
    for n in names:
        frame[n] = frame[n].astype(object)
    return Table(name=name, columns=names, rows=frame, sheet=sheet, renamed=renamed, ragged=ragged,
                 delimiter=delimiter)
