"""What the Zoom and Teams parsers share: the participants' table found inside the file (past a Zoom meeting
block or a Teams summary), rejoins merged per person into the MEETING frame, and the report's date order.

Both parsers accept the Table read with any header row (usually row 1): they find the participants' table
inside the file themselves.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pandas as pd

from peers_dash.ingest.canonical import MEETING
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import Table
from peers_dash.ingest.read.dates import decide_date_order, parse_datetime

SCAN_ROWS = 40


def cell_key(text: object) -> str:
    """A header or cell compared without case, accents, spaces or punctuation ('Durée' -> 'duree')."""
    s = unicodedata.normalize("NFKD", str(text).casefold())
    return re.sub(r"[^0-9a-z#]+", "", "".join(c for c in s if not unicodedata.combining(c)))


def find_column(header: list[str], choices: tuple[str, ...]) -> int | None:
    """The position in header of the first of choices (most likely first) it has, or None."""
    keys = [cell_key(h) for h in header]
    for choice in choices:
        if cell_key(choice) in keys:
            return keys.index(cell_key(choice))
    return None


def raw_rows(table: Table) -> list[list[str]]:
    """The file's rows again (at their real row numbers) from a Table read with any header row."""
    numbers = table.rows["_row"].tolist()
    size = max(numbers, default=1)
    rows: list[list[str]] = [[] for _ in range(size)]
    rows[max(0, min(numbers, default=2) - 2)] = list(table.columns)
    for number, values in zip(numbers, table.rows[table.columns].itertuples(index=False)):
        cells = [str(v) for v in values]
        while cells and not cells[-1].strip():
            cells.pop()
        rows[number - 1] = cells
    return rows


def section_end(rows: list[list[str]], header_row: int) -> int:
    """The last row (1-based) of the table whose header is header_row: up to a blank row or the next
    numbered section ('3. In-Meeting Activities')."""
    for i in range(header_row, len(rows)):
        if not rows[i] or (len([c for c in rows[i] if c.strip()]) == 1 and re.match(r"^\d+\.\s", rows[i][0].strip())):
            return i
    return len(rows)


def column_values(table: Table, columns: dict[str, str | None]) -> dict[str, list[str]]:
    """Each found column's cells as stripped text; '' in every row for a column that was not found (None)."""
    return {k: (table.rows[c].astype(str).str.strip().tolist() if c else [""] * len(table.rows))
            for k, c in columns.items()}


def empty_meeting() -> pd.DataFrame:
    """The MEETING frame with `_file` and `_row`, and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype="float64" if c == "minutes" else object) for c in MEETING})
    frame["_file"] = pd.Series([], dtype=object)
    frame["_row"] = pd.Series([], dtype="int64")
    return frame


def person_key(name: str, email: str) -> str:
    """Who a row is, for merging rejoins: the e-mail, else the name (case and spacing aside)."""
    return "email:" + email.casefold() if email else "name:" + " ".join(name.split()).casefold()


def meeting_frame(people: dict[str, dict], file: str) -> pd.DataFrame:
    """The MEETING frame of the people found in a report, with `_file` and `_row`."""
    if not people:
        return empty_meeting()
    frame = pd.DataFrame([{c: p[c] for c in (*MEETING, "_row")} for p in people.values()])
    frame["minutes"] = frame["minutes"].astype("float64")
    frame.insert(len(MEETING), "_file", file)
    frame["_row"] = frame["_row"].astype("int64")
    return frame


def iso_text(value: dt.datetime | None) -> str:
    """'YYYY-MM-DD HH:MM:SS', or '' when there is no time."""
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def report_date_order(values: list[str], given: str | None, name: str, report: Report) -> tuple[str | None, bool]:
    """(order, ambiguous) for a report's dates: given with the import, or decided from all of them; None with
    an error when they mix orders. ambiguous: the report is read month first, and the importer also reads it
    day first (formats/teams.py, meeting_frames) to keep the reading that matches the session's date."""
    if given:
        return given, False
    order, state = decide_date_order(values)
    if state == "mixed":
        report.error(name, None, None, "its dates are written both day first and month first: export it again")
        return None, False
    return order, state == "ambiguous"


def with_ambiguity(frame: pd.DataFrame, ambiguous: bool) -> pd.DataFrame:
    """The frame, marked when its dates read both ways (report_date_order)."""
    frame.attrs["ambiguous_dates"] = ambiguous
    return frame


def parse_when(text: str, order: str) -> dt.datetime | None:
    """A report's date and time, read in the report's day/month order, or None."""
    iso = parse_datetime(text, order)  # type: ignore[arg-type]
    return dt.datetime.fromisoformat(iso) if iso else None
