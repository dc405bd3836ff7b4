"""Zoom participant reports -> the MEETING frame, one row per person (with or without the meeting block above
the participants, any date format)."""
from __future__ import annotations

import math
import re

import pandas as pd

from peers_dash.ingest.formats.parsers.meeting import (SCAN_ROWS, cell_key, column_values, empty_meeting, iso_text,
                                                       meeting_frame, parse_when, person_key, raw_rows,
                                                       report_date_order, section_end, with_ambiguity)
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import GROUPED_NUMBER, MAX_MINUTES, Table, table_from_rows, to_number

ZOOM_COLUMNS = {
    "name": ("nameoriginalname", "name", "participantname", "participant", "username", "displayname"),
    "email": ("useremail", "email", "emailaddress", "attendeeemail"),
    "join": ("jointime", "join", "firstjoin"),
    "leave": ("leavetime", "leave", "lastleave"),
    "duration": ("durationminutes", "durationmins", "duration", "totaldurationminutes", "timeinsessionminutes"),
}


def find_zoom_header(rows: list[list[str]]) -> int | None:
    """The row number (1-based) of a Zoom participants table's header: a name and a duration column."""
    for i, row in enumerate(rows[:SCAN_ROWS]):
        keys = [cell_key(c) for c in row]
        if any(k in ZOOM_COLUMNS["name"] for k in keys) and any(k.startswith("duration") for k in keys):
            return i + 1
    return None


def _split_zoom_name(text: str) -> str:
    """'015_Loki (Loki Laufeyson)' -> 'Loki Laufeyson': the original name when Zoom shows one."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", text)
    if m and m.group(2).strip() and "/" not in m.group(2):  # '(she/her)' is pronouns, not a name
        return m.group(2).strip()
    return text


def parse_zoom(table: Table, report: Report, order: str | None = None) -> pd.DataFrame:
    """The MEETING frame of a Zoom participant report: rejoins merged per person (by e-mail, else by
    name), minutes summed but never more than the time from first join to last leave (a person on two
    devices at once is counted once)."""
    rows = raw_rows(table)
    header_row = find_zoom_header(rows)
    if header_row is None:
        report.error(table.name, None, None, "no Zoom participants table found: it needs a column 'Name "
                     "(Original Name)' or 'Name' and a column 'Duration (Minutes)'")
        return empty_meeting()
    t = table_from_rows(rows, table.name, header_row, last_row=section_end(rows, header_row))
    cols: dict[str, str | None] = dict.fromkeys(ZOOM_COLUMNS)
    for k, choices in ZOOM_COLUMNS.items():
        for choice in choices:
            hit = next((c for c in t.columns if cell_key(c) == choice), None)
            if hit:
                cols[k] = hit
                break
    if cols["duration"] is None and not (cols["join"] and cols["leave"]):
        report.error(table.name, header_row, None, "the column 'Duration (Minutes)' is missing "
                     f"(columns found: {', '.join(t.columns)})")
        return empty_meeting()
    split = cols["name"] is not None and cell_key(cols["name"]) == "nameoriginalname"
    get = column_values(t, cols)
    order, ambiguous = report_date_order(get["join"] + get["leave"], order or table.date_order, table.name, report)
    if order is None:
        return empty_meeting()
    people: dict[str, dict] = {}
    for i, number in enumerate(t.rows["_row"].tolist()):
        name, email = get["name"][i], get["email"][i]
        if split:
            name = _split_zoom_name(name)
        if not name:
            report.error(table.name, number, cols["name"], "no name given for this participant")
            continue
        joined, left = parse_when(get["join"][i], order), parse_when(get["leave"][i], order)
        bad = False
        for k, when in (("join", joined), ("leave", left)):
            if get[k][i] and when is None:
                report.error(table.name, number, cols[k], f"'{get[k][i]}' is not a date and time")
                bad = True
        if cols["duration"]:
            minutes = to_number(get["duration"][i])
            if GROUPED_NUMBER.match(get["duration"][i].replace(" ", "")) or (minutes or 0) > MAX_MINUTES:
                report.error(table.name, number, cols["duration"],
                             f"'{get['duration'][i]}' minutes: a thousands separator, a decimal mark or more than a "
                             "day? Export the report again with whole minutes")
                continue
            if minutes is None or minutes < 0:
                report.error(table.name, number, cols["duration"],
                             f"'{get['duration'][i]}' is not a number of minutes")
                continue
        elif joined and left:
            minutes = max(0.0, (left - joined).total_seconds() / 60)
        else:
            report.error(table.name, number, cols["join"], "join or leave time missing: minutes unknown")
            continue
        if bad:
            continue
        p = people.setdefault(person_key(name, email), {"name": name, "email": email.lower(), "minutes": 0.0,
                                                         "start": None, "end": None, "_row": number})
        p["minutes"] += minutes
        if joined and (p["start"] is None or joined < p["start"]):
            p["start"] = joined
        if left and (p["end"] is None or left > p["end"]):
            p["end"] = left
    for p in people.values():
        if p["start"] and p["end"]:
            p["minutes"] = min(p["minutes"], float(math.ceil((p["end"] - p["start"]).total_seconds() / 60)))
        p["first_join"], p["last_leave"] = iso_text(p["start"]), iso_text(p["end"])
    return with_ambiguity(meeting_frame(people, table.name), ambiguous)
