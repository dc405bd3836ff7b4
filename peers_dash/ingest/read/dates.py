"""Dates and times as people and tools write them, turned into ISO text.

Accepted: 2021-11-19, 11/19/2021, 11/19/21, 19.11.2021, 19 Nov 2021, Excel serial numbers (44523), each
optionally followed by a time (09:54:15, 9:54 AM, 12:27:24), joined by a space, a 'T' or ', ' (Teams).
A day/month order is decided per file from its values (decide_date_order): a first part above 12 means day
first, a second part above 12 month first; a file with both is refused, and one whose every slashed date could
be read either way is ambiguous: the importer then asks (or, for a meeting report, reads it the way that
matches the session's date), never guessing per row. Words between a date and its time ('13/04/2021 à
09:01:31', '4/13/2021 at 9:01 AM', '13.04.2021 um 09:01') are skipped.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Literal

DateOrder = Literal["mdy", "dmy"]

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DOT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\.?$")  # German: always day first
_SLASH = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.(\d+))?$")
_TIME = re.compile(
    r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp])?\.?\s*(?:[Mm]\.?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)
_SPLIT = re.compile(r"^(\S+?)(?:(?:,\s*|\s+|T)(.+))?$")
_CONNECTOR = re.compile(r"(?<=\d)\s+(?:à|a|at|um|om|alle|às|kl\.?|a las|a la|o|в)\s+(?=\d)", re.IGNORECASE)
_NAMED = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%d-%b-%y", "%b %d %Y", "%B %d %Y")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1900, 2100


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:  # the same pivot as strptime's %y
        y += 2000 if y < 69 else 1900
    return y


def _make_date(y: int, m: int, d: int) -> dt.date | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _serial(text: str) -> dt.datetime | None:
    m = _SERIAL.match(text)
    if not m or not 10000 <= int(m.group(1)) <= 80000:  # 1927 to 2119: other numbers are not dates
        return None
    value = _EXCEL_EPOCH + dt.timedelta(days=float(text))
    return value.replace(microsecond=0) + dt.timedelta(seconds=round(value.microsecond / 1e6))


def _date_part(text: str, order: DateOrder | None) -> dt.date | None:
    if m := _ISO.match(text):
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DOT.match(text):
        return _make_date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _SLASH.match(text):
        a, b, y = int(m.group(1)), int(m.group(3)), _year(m.group(4))
        if order is None:
            order = "dmy" if a > 12 >= b else "mdy"
        return _make_date(y, b, a) if order == "dmy" else _make_date(y, a, b)
    return None


def _time_part(text: str) -> dt.time | None:
    m = _TIME.match(text.strip())
    if not m:
        return None
    h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    ampm = (m.group(4) or "").lower()
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm == "p" else 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return dt.time(h, mi, s)


def _parse(text: object, order: DateOrder | None) -> dt.datetime | None:
    """The date and time in text (midnight when it has no time), or None."""
    if text is None:
        return None
    s = _CONNECTOR.sub(" ", str(text).strip().replace("\u00a0", " ").replace("\u202f", " "))
    if not s:
        return None
    if (serial := _serial(s)) is not None:
        return serial
    m = _SPLIT.match(s)
    if m:
        day = _date_part(m.group(1), order)
        if day is not None:
            if not m.group(2):
                return dt.datetime.combine(day, dt.time())
            t = _time_part(m.group(2))
            return None if t is None else dt.datetime.combine(day, t)
    for fmt in _NAMED:
        try:
            value = dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
        return value if MIN_YEAR <= value.year <= MAX_YEAR else None
    return None


def parse_date(text: object, order: DateOrder | None = None) -> str | None:
    """'YYYY-MM-DD' for a date (a time after it is ignored), or None when text is not one.

    order: 'mdy' or 'dmy' for slashed dates such as 03/04/2021; None reads 13/04/2021 as day first
    and any ambiguous one as month first."""
    value = _parse(text, order)
    return None if value is None else value.date().isoformat()


def parse_datetime(text: object, order: DateOrder | None = None) -> str | None:
    """'YYYY-MM-DD HH:MM:SS' for a date and time (midnight when no time is given), or None."""
    value = _parse(text, order)
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S")


def parse_time(text: object) -> str | None:
    """'HH:MM' for a time of day such as 9:30, 09:30:00 or 2:15 PM, or None."""
    t = _time_part(str(text or "").replace("\u00a0", " "))
    return None if t is None else t.strftime("%H:%M")


def slash_parts(text: object) -> tuple[int, int] | None:
    m = _SPLIT.match(str(text or "").strip())
    if m and (d := _SLASH.match(m.group(1))):
        return int(d.group(1)), int(d.group(3))
    return None


OrderState = Literal["decided", "ambiguous", "mixed", "any"]


def decide_date_order(values: Iterable[object]) -> tuple[DateOrder, OrderState]:
    """The day/month order of a file's slashed dates, decided from all of them at once: ('dmy', 'decided')
    when some first part is above 12, ('mdy', 'decided') when some second part is; 'mixed' when both occur
    (the file is inconsistent); 'ambiguous' when none decides and some date reads differently each way
    (10/09/2024), with 'mdy' as the reading to try first; 'any' when the order changes nothing."""
    first = second = either = 0
    for v in values:
        parts = slash_parts(v)
        if parts:
            first += parts[0] > 12
            second += parts[1] > 12
            either += parts[0] <= 12 and parts[1] <= 12 and parts[0] != parts[1]
    if first and second:
        return "mdy", "mixed"
    if first or second:
        return ("dmy" if first else "mdy"), "decided"
    return "mdy", ("ambiguous" if either else "any")


def detect_date_order(values: Iterable[object]) -> DateOrder:
    """The order decide_date_order reads first ('dmy' when a first part is above 12, else 'mdy')."""
    return decide_date_order(values)[0]


def ambiguous_example(values: Iterable[object]) -> str:
    """The first slashed date that reads differently day-first and month-first, for a message."""
    for v in values:
        parts = slash_parts(v)
        if parts and parts[0] <= 12 and parts[1] <= 12 and parts[0] != parts[1]:
            return str(v).strip()
    return ""


def both_readings(text: str) -> str:
    """'10 September 2024 or 9 October 2024' for an ambiguous slashed date."""
    out = []
    for order in ("mdy", "dmy"):
        day = parse_date(text, order)  # type: ignore[arg-type]
        if day:
            out.append(dt.date.fromisoformat(day).strftime("%-d %B %Y"))
    return " or ".join(dict.fromkeys(out))


def date_style(text: object) -> str:
    """How a date is written: 'iso', 'slash', 'dot', 'serial', 'named' or '' (not a date)."""
    s = str(text or "").strip()
    if _SERIAL.match(s):
        return "serial"
    m = _SPLIT.match(s)
    head = m.group(1) if m else ""
    for style, pattern in (("iso", _ISO), ("dot", _DOT), ("slash", _SLASH)):
        if pattern.match(head):
            return style
    return "named" if _parse(s, None) is not None else ""
