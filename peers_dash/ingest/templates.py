"""Blank-but-for-examples templates a coordinator downloads, fills in and loads back: CSV and .xlsx."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from peers_dash.charts.export import to_csv_bytes
from peers_dash.ingest.canonical import ATTENDANCE, ROSTER, SESSIONS

KINDS = ("roster", "sessions", "signin")
COLUMNS = {"roster": ROSTER, "sessions": SESSIONS, "signin": ATTENDANCE}
_DATE_COLUMNS = ("start_date", "end_date", "date")
_NUMBER_COLUMNS = ("session_number", "length_min", "minutes")

# A small, coherent example: the three templates import together, in order, into an empty database.
_PEOPLE = [("S1001", "ada.example@example.edu", "Ada Example"), ("S1002", "ben.sample@example.edu", "Ben Sample"),
           ("S1003", "cy.placeholder@example.edu", "Cy Placeholder"), ("S1004", "dee.sample@example.edu", "Dee Sample"),
           ("S1005", "eli.example@example.edu", "Eli Example"), ("S1006", "fay.example@example.edu", "Fay Example")]
_SIGNIN = {"2024-09-10": ("present", "excused", "absent", "present", "present", "present"),
           "2024-10-08": ("present", "absent", "present", "present", "absent", "present")}
EXAMPLES: dict[str, list[tuple[str, ...]]] = {
    "roster": [
        *[(rid, email, name, "MD", "2028", "Group 07", "2024-08-05", "", "") for rid, email, name in _PEOPLE[:1]],
        ("S1002", "ben.sample@example.edu", "Ben Sample", "MD", "2028", "Group 07", "2024-08-05", "2025-01-15",
         "leave"),
        ("S1002", "ben.sample@example.edu", "Ben Sample", "MD", "2028", "Group 07", "2025-08-04", "", ""),
        *[(rid, email, name, "MD", "2028", "Group 07", "2024-08-05", "", "") for rid, email, name in _PEOPLE[2:]],
    ],
    "sessions": [
        ("MD", "2028", "Group 07", "1", "Welcome and group norms", "2024-09-10", "12:00", "60", "in_person"),
        ("MD", "2028", "Group 07", "2", "Mindfulness", "2024-10-08", "12:00", "60", "virtual"),
    ],
    "signin": [
        ("MD", "2028", "Group 07", day, str(number), email, status, "60" if status == "present" else "")
        for number, (day, statuses) in enumerate(_SIGNIN.items(), start=1)
        for (_, email, _), status in zip(_PEOPLE, statuses)
    ],
}

_PROGRAM = "The program's name as the dashboard knows it, for example MD or Internal Medicine Residency. Required."
_COHORT = ("The entering class, by graduation year (2028) or by its full name (MD Class of 2028). Required.")
_GROUP = "The PEERS small group's name or number, for example Group 07 or 7. Required."
_DATE = "Dates are best written as YYYY-MM-DD (2024-09-10); 09/10/2024 and 10.09.2024 are read too."
TEMPLATE_HELP: dict[str, dict[str, str]] = {
    "roster": {
        "roster_id": "The school's own student id. Optional if an e-mail is given; each person needs one of the two.",
        "email": "The person's school e-mail address. Used to match Zoom and Teams reports and sign-in sheets "
                 "to the person. Optional if a roster id is given.",
        "name": "The person's full name. Optional; used only to match sign-in sheets that list names.",
        "program": _PROGRAM,
        "cohort": _COHORT,
        "group": _GROUP,
        "start_date": "The day the person joined the group. Optional: blank means from the cohort's start. " + _DATE,
        "end_date": "The day the person left the group (leave of absence, transfer, withdrawal or graduation). "
                    "Blank while they are still a member. A person who comes back gets a second row.",
        "end_reason": "Why the membership ended: leave, transfer, graduated or withdrew. Blank while still a member.",
    },
    "sessions": {
        "program": _PROGRAM,
        "cohort": _COHORT,
        "group": _GROUP,
        "session_number": "Which of the 10 PEERS sessions this was: a whole number from 1 to 10. Required.",
        "topic": "The curriculum topic, in words. Optional.",
        "date": "The day the group met. Required. " + _DATE,
        "start_time": "The start time, like 12:00 or 2:30 PM. Optional.",
        "length_min": "How long the session lasted, in whole minutes (60). Optional.",
        "modality": "How the group met: in_person, virtual or hybrid ('in person', 'zoom', 'online', 'remote' "
                    "and 'teams' are understood too). Optional.",
    },
    "signin": {
        "program": _PROGRAM,
        "cohort": _COHORT,
        "group": _GROUP,
        "date": "The day of the session. " + _DATE + " A date or a session number is required.",
        "session_number": "Which of the 10 PEERS sessions it was (1 to 10). A date or a session number is required.",
        "person": "Who: their e-mail (best), roster id or full name, matched to the roster in that order. Required.",
        "status": "present, excused or absent. P/E/A, yes/no, 1/0 and x (present) are understood too; a blank "
                  "cell means absent. Required column.",
        "minutes": "How many minutes the person attended, as a whole number. Optional.",
    },
}


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown template {kind!r}: choose one of {', '.join(KINDS)}")


def template_frame(kind: str) -> pd.DataFrame:
    """The template's header and example rows as a frame of text."""
    _check(kind)
    return pd.DataFrame(EXAMPLES[kind], columns=list(COLUMNS[kind]), dtype=object)


def template_csv(kind: str) -> bytes:
    """The template as UTF-8 CSV (with a byte-order mark so Excel shows accents right)."""
    return to_csv_bytes(template_frame(kind))


def template_xlsx(kind: str) -> bytes:
    """The template as an .xlsx workbook: dates as real date cells, everything else as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    frame = template_frame(kind)
    wb = Workbook()
    ws = wb.active
    ws.title = kind
    ws.append(list(frame.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for values in frame.itertuples(index=False):
        row = []
        for column, value in zip(frame.columns, values):
            if column in _DATE_COLUMNS and value:
                row.append(dt.date.fromisoformat(value))
            elif column in _NUMBER_COLUMNS and value:
                row.append(int(value))
            else:
                row.append(value or None)
        ws.append(row)
    for j, column in enumerate(frame.columns, start=1):
        ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = max(12, len(column) + 4)
        for cell in ws.iter_cols(min_col=j, max_col=j, min_row=2):
            for c in cell:
                if column in _DATE_COLUMNS:
                    c.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
