"""The roster, sessions and sign-in templates' parsers (the formats themselves are described in
peers_dash.ingest.formats; Zoom and Teams reports are parsed in zoom and teams).

Each parser turns a Table into a canonical frame (peers_dash.ingest.canonical) with `_file` and `_row`,
and adds every problem it finds to the Report: it never raises for a bad row and never stops at the first.
"""
from __future__ import annotations

import re

import pandas as pd

from peers_dash.ingest.canonical import ATTENDANCE, ROSTER, SESSIONS
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import GROUPED_NUMBER, MAX_MINUTES, Table, delimiter_name, to_number
from peers_dash.ingest.read.dates import (DateOrder, slash_parts, ambiguous_example, both_readings, date_style,
                                         decide_date_order, parse_date, parse_time)

_COMMON = {
    "program": ("program", "programme", "programname"),
    "cohort": ("cohort", "cohortname", "class", "classof", "graduationyear", "gradyear"),
    "group": ("group", "groupname", "peersgroup", "smallgroup", "groupnumber", "groupno"),
}
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "roster": {
        "roster_id": ("rosterid", "studentid", "id", "studentnumber", "idnumber", "personid"),
        "email": ("email", "emailaddress", "mail", "mailaddress"),
        "name": ("name", "fullname", "studentname", "participant", "participantname"),
        **_COMMON,
        "start_date": ("startdate", "start", "from", "memberfrom", "joined"),
        "end_date": ("enddate", "end", "to", "until", "memberuntil", "left"),
        "end_reason": ("endreason", "reason", "reasonforleaving"),
    },
    "sessions": {
        **_COMMON,
        "session_number": ("sessionnumber", "session#", "sessionno", "session", "number", "no", "#"),
        "topic": ("topic", "sessiontopic", "curriculumtopic", "title"),
        "date": ("date", "sessiondate", "day"),
        "start_time": ("starttime", "time", "start"),
        "length_min": ("lengthmin", "lengthminutes", "length", "durationmin", "durationminutes", "duration",
                       "minutes"),
        "modality": ("modality", "format", "mode", "delivery"),
    },
    "signin": {
        **_COMMON,
        "date": ("date", "sessiondate", "day"),
        "session_number": ("sessionnumber", "session#", "sessionno", "session", "number", "no", "#"),
        "person": ("person", "email", "emailaddress", "mail", "rosterid", "studentid", "id", "name", "fullname",
                   "participant", "participantname", "student", "studentname", "attendee"),
        "status": ("status", "attendance", "attended", "present", "presence"),
        "minutes": ("minutes", "minutesattended", "minutespresent", "duration", "durationmin", "timeattended"),
    },
}
CANONICAL = {"roster": ROSTER, "sessions": SESSIONS, "signin": ATTENDANCE}
REQUIRED = {
    "roster": ("program", "cohort", "group"),
    "sessions": ("program", "cohort", "group", "session_number", "date"),
    "signin": ("program", "cohort", "group", "person", "status"),
}
ONE_OF = {"roster": ("email", "roster_id"), "signin": ("date", "session_number")}
DATE_COLUMNS = ("start_date", "end_date", "date")

STATUS = {
    "present": ("present", "p", "yes", "y", "1", "x", "true", "attended", "here"),
    "excused": ("excused", "e", "ex", "excused absence", "absent excused"),
    "absent": ("absent", "a", "no", "n", "0", "", "false", "unexcused", "missed"),
}
MODALITY = {
    "in_person": ("in_person", "in person", "in-person", "inperson", "onsite", "on site", "on-site",
                  "face to face", "face-to-face"),
    "virtual": ("virtual", "zoom", "online", "remote", "teams", "video"),
    "hybrid": ("hybrid", "mixed", "blended"),
}
END_REASON = {
    "": ("",),
    "leave": ("leave", "leave of absence", "loa", "on leave"),
    "transfer": ("transfer", "transferred", "moved", "group change"),
    "graduated": ("graduated", "graduation", "completed"),
    "withdrew": ("withdrew", "withdrawn", "withdrawal", "withdraw", "dropped", "left program"),
}
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s.]+$"  # what an e-mail looks like (also checked in bulk: fast_signin)
_EMAIL = re.compile(EMAIL_PATTERN)


def header_key(name: str) -> str:
    """A header name compared without case, spaces or punctuation ('E-mail address' -> 'emailaddress')."""
    return re.sub(r"[^0-9a-z#]+", "", str(name).casefold())


def _lookup(choices: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {re.sub(r"\s+", " ", spelling): value for value, spellings in choices.items() for spelling in spellings}


_STATUS, _MODALITY, _END_REASON = _lookup(STATUS), _lookup(MODALITY), _lookup(END_REASON)


def match_columns(kind: str, columns: list[str]) -> dict[str, str]:
    """canonical column -> the table's column, by name and synonyms (each table column used once)."""
    keys = {c: header_key(c) for c in columns}
    found: dict[str, str] = {}
    for canonical, synonyms in SYNONYMS[kind].items():
        for synonym in synonyms:
            hit = next((c for c in columns if keys[c] == synonym and c not in found.values()), None)
            if hit:
                found[canonical] = hit
                break
    return found


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in (*columns, "_file")}
                        | {"_row": pd.Series([], dtype="int64")})


def _check_columns(kind: str, table: Table, found: dict[str, str], report: Report) -> bool:
    listed = ", ".join(table.columns) or "none"
    ok = True
    for col in REQUIRED[kind]:
        if col not in found:
            report.error(table.name, 1, None, f"the required column '{col}' is missing (columns found: {listed})")
            ok = False
    if kind in ONE_OF and not any(c in found for c in ONE_OF[kind]):
        a, b = ONE_OF[kind]
        report.error(table.name, 1, None, f"a column '{a}' or '{b}' is needed (columns found: {listed})")
        ok = False
    for col, header in found.items():
        if header in table.renamed or header in table.renamed.values():
            report.error(table.name, 1, table.original(header),
                         f"the column '{table.original(header)}' appears more than once: keep one")
            ok = False
    return ok


def _whole(value: str, low: int | None, high: int | None) -> int | None:
    number = to_number(value)
    if number is None or not number.is_integer():
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return int(number)


class _Checker:
    """Checks and normalises one table's values, reporting each problem with its row and column."""

    def __init__(self, kind: str, table: Table, found: dict[str, str], report: Report):
        self.kind, self.table, self.found, self.report = kind, table, found, report
        self.rows = table.rows
        self.out = {c: [""] * len(self.rows) for c in CANONICAL[kind]}
        self.order = self.file_date_order()

    def file_date_order(self) -> DateOrder | None:
        """The day/month order of every date in the file, decided once from all of them (or given with the
        import); None, with one error, when the file mixes orders or cannot tell and none was given."""
        values = [v for col in DATE_COLUMNS if col in self.found for v in self.values(col)]
        order, state = decide_date_order(values)
        if self.table.date_order and state != "mixed":
            return self.table.date_order  # type: ignore[return-value]
        if state == "mixed":  # dates() names each row written the other way round: the import is refused
            first = sum(1 for v in values if (parts := slash_parts(v)) and parts[0] > 12)
            second = sum(1 for v in values if (parts := slash_parts(v)) and parts[1] > 12)
            return "dmy" if first > second else "mdy"
        if state == "ambiguous":
            example = ambiguous_example(values)
            col, i = next((c, i) for c in DATE_COLUMNS if c in self.found
                          for i, v in enumerate(self.values(c)) if v == example)
            self.error(i, col, f"'{example}' is {both_readings(example)}, and no date in the file says which "
                               "(as 13/04 would): write dates as YYYY-MM-DD, or say the order with the import "
                               "(day first or month first)")
            return None
        return order

    def error(self, i: int, col: str | None, message: str) -> None:
        number = int(self.rows["_row"].iat[i])
        if number in self.table.ragged:  # its values are in the wrong columns: one error says so
            return
        column = self.table.original(self.found[col]) if col else None
        self.report.error(self.table.name, number, column, message)

    def warning(self, i: int, col: str, message: str) -> None:
        self.report.warning(self.table.name, int(self.rows["_row"].iat[i]), self.table.original(self.found[col]),
                            message)

    def values(self, col: str) -> list[str]:
        if col not in self.found:
            return [""] * len(self.rows)
        return [str(v).strip() for v in self.rows[self.found[col]].tolist()]

    def run(self) -> pd.DataFrame:
        for col in self.out:
            values = self.values(col)
            self.out[col] = list(values)
            if col in self.found:
                self.check(col, values)
        self.rowwise()
        frame = pd.DataFrame(self.out, columns=list(CANONICAL[self.kind]), dtype=object)
        frame["_file"] = self.table.name
        frame["_row"] = self.rows["_row"].astype("int64").to_numpy()
        return frame

    def check(self, col: str, values: list[str]) -> None:
        if col in DATE_COLUMNS:
            self.dates(col, values)
            return
        for i, v in enumerate(values):
            if col in REQUIRED[self.kind] and col not in ("status",) and not v:
                self.error(i, col, f"{col} is empty: every row needs one")
            elif col == "session_number" and v:
                number = _whole(v, 1, 10)
                if number is None:
                    self.error(i, col, f"session number '{v}' is not a whole number from 1 to 10")
                else:
                    self.out[col][i] = str(number)
            elif col in ("minutes", "length_min") and v:
                self.minutes(i, col, v)
            elif col == "status":
                self.choice(i, col, v, _STATUS, "status", "present, excused or absent (P/E/A, yes/no, 1/0 "
                            "and x are accepted too; blank means absent)")
            elif col == "modality" and v:
                self.choice(i, col, v, _MODALITY, "modality", "in_person, virtual or hybrid")
            elif col == "end_reason":
                self.choice(i, col, v, _END_REASON, "end reason", "leave, transfer, graduated or withdrew "
                            "(or leave it blank)")
            elif (col == "email" or (col == "person" and "@" in v)) and v:
                if not _EMAIL.match(v):
                    self.error(i, col, f"'{v}' does not look like an e-mail address")
                else:
                    self.out[col][i] = v.lower()
            elif col == "start_time" and v:
                time = parse_time(v)
                if time is None:
                    self.error(i, col, f"'{v}' is not a time of day (write it like 14:30)")
                else:
                    self.out[col][i] = time

    def minutes(self, i: int, col: str, v: str) -> None:
        number = to_number(v)
        if GROUPED_NUMBER.match(v.replace("\u00a0", "").replace(" ", "")):
            self.error(i, col, f"'{v}' could be {v.replace(',', '').replace('.', '')} or "
                               f"{to_number(v):g} minutes (a thousands separator or a decimal mark): "
                               "write whole minutes without separators")
        elif number is not None and number > MAX_MINUTES:
            self.error(i, col, f"{v} minutes is more than a day: is it the right column?")
        elif number is None:
            self.error(i, col, f"'{v}' is not a number of minutes")
        elif number < 0:
            self.error(i, col, f"minutes cannot be negative ('{v}')")
        elif not number.is_integer():
            self.error(i, col, f"minutes must be a whole number, not '{v}'")
        else:
            self.out[col][i] = str(int(number))

    def choice(self, i: int, col: str, v: str, accepted: dict[str, str], label: str, hint: str) -> None:
        key = re.sub(r"\s+", " ", v.casefold().replace("_", " ").strip())
        value = accepted.get(key, accepted.get(key.replace(" ", "_")))
        if value is None:
            self.error(i, col, f"{label} '{v}' is not recognised: use {hint}")
        else:
            self.out[col][i] = value

    def dates(self, col: str, values: list[str]) -> None:
        if self.order is None:
            return  # the file's date order is unknown: one error says so
        order = self.order
        other = "dmy" if order == "mdy" else "mdy"
        styles = [date_style(v) for v in values]
        counted = [s for s in styles if s]
        common = max(set(counted), key=counted.count) if counted else ""
        example = next((v for v, s in zip(values, styles) if s == common), "")
        for i, v in enumerate(values):
            if not v:
                if col in REQUIRED[self.kind]:
                    self.error(i, col, f"{col} is empty: every row needs a date")
                continue
            iso = parse_date(v, order)
            if iso is None and parse_date(v, other) is not None:
                first = "day" if other == "dmy" else "month"
                self.error(i, col, f"'{v}' has the {first} first, unlike other dates in this column: "
                           "write dates as YYYY-MM-DD")
            elif iso is None:
                self.error(i, col, f"'{v}' is not a date (write it like 2024-09-15)")
            else:
                self.out[col][i] = iso
                if styles[i] not in (common, "iso"):
                    self.warning(i, col, f"'{v}' is written differently from most dates in this column "
                                 f"(like '{example}'): check it is the right date")

    def rowwise(self) -> None:
        rows = self.rows["_row"].tolist()
        for number, n_values in self.table.ragged.items():
            self.report.error(self.table.name, number, None,
                              f"this row has {n_values} value{'s' if n_values != 1 else ''} but the header has "
                              f"{len(self.table.columns)} "
                              f"columns: check it separates values with {delimiter_name(self.table.delimiter)} "
                              "like the header")
        raw = [tuple(str(v).strip() for v in r) for r in self.rows[self.table.columns].itertuples(index=False)]
        first: dict[tuple, int] = {}
        for i, key in enumerate(raw):
            if key in first:
                self.error(i, None, f"row {rows[i]} repeats row {rows[first[key]]} exactly: remove one")
            else:
                first[key] = i
        if self.kind == "roster":
            self.roster_rows(rows)
        if self.kind == "signin":
            self.signin_rows(raw, first)

    def roster_rows(self, rows: list[int]) -> None:
        has_id = [bool(e or r) for e, r in zip(self.out["email"], self.out["roster_id"])]
        id_col = "email" if "email" in self.found else "roster_id"
        for i, ok in enumerate(has_id):
            if not ok:
                self.error(i, id_col, "no e-mail or roster id: every member needs one")
            start, end = self.out["start_date"][i], self.out["end_date"][i]
            if parse_date(start) and parse_date(end) and end < start:
                self.error(i, "end_date", f"end date {end} is before start date {start}")
            if self.out["end_reason"][i] and not end and "end_date" in self.found:
                self.warning(i, "end_date", f"an end reason ({self.out['end_reason'][i]}) is given without an end date")

    def signin_rows(self, raw: list[tuple], first: dict[tuple, int]) -> None:
        seen: dict[tuple, int] = {}
        exact = set(first.values())
        for i in range(len(raw)):
            key = tuple(self.out[c][i].casefold() for c in ("program", "cohort", "group", "date", "session_number",
                                                          "person"))
            if not self.out["date"][i] and not self.out["session_number"][i]:
                self.error(i, "date" if "date" in self.found else "session_number",
                           "no date or session number: say which session this row is for")
            if not self.out["person"][i]:
                continue
            if key in seen and i in exact:
                self.error(i, "person", f"{self.out['person'][i]} is listed twice for the same session "
                           f"(rows {int(self.rows['_row'].iat[seen[key]])} and {int(self.rows['_row'].iat[i])})")
            seen.setdefault(key, i)


def _parse_template(kind: str, table: Table, report: Report) -> pd.DataFrame:
    found = match_columns(kind, table.columns)
    if not _check_columns(kind, table, found, report):
        return _empty(CANONICAL[kind])
    if table.rows.empty:
        report.error(table.name, None, None, "there are no rows below the header: nothing to import")
        return _empty(CANONICAL[kind])
    return _Checker(kind, table, found, report).run()


def parse_roster(table: Table, report: Report) -> pd.DataFrame:
    """The ROSTER frame of a roster table (one row per membership)."""
    return _parse_template("roster", table, report)


def parse_sessions(table: Table, report: Report) -> pd.DataFrame:
    """The SESSIONS frame of a sessions table (one row per meeting of one group)."""
    return _parse_template("sessions", table, report)


def parse_signin(table: Table, report: Report) -> pd.DataFrame:
    """The ATTENDANCE frame of a sign-in sheet (one row per person per session)."""
    return _parse_template("signin", table, report)
