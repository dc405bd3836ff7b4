"""Zoom participant reports and Microsoft Teams attendance lists -> the MEETING frame, one row per person.

Both parsers accept the Table read with any header row (usually row 1): they find the participants'
table inside the file themselves, past a Zoom meeting block or a Teams summary block.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import pandas as pd

from peers_dash.ingest.canonical import MEETING
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import GROUPED_NUMBER, MAX_MINUTES, Table, table_from_rows, to_number
from peers_dash.ingest.read.dates import decide_date_order, parse_datetime

_SCAN_ROWS = 40
ZOOM_COLUMNS = {
    "name": ("nameoriginalname", "name", "participantname", "participant", "username", "displayname"),
    "email": ("useremail", "email", "emailaddress", "attendeeemail"),
    "join": ("jointime", "join", "firstjoin"),
    "leave": ("leavetime", "leave", "lastleave"),
    "duration": ("durationminutes", "durationmins", "duration", "totaldurationminutes", "timeinsessionminutes"),
}
TEAMS_EVENTS = {  # the old attendance list, per locale: name, action, timestamp
    "name": ("fullname", "vollstandigername", "vollständigername", "nomcomplet", "nombrecompleto", "name", "nom",
             "nombre"),
    "action": ("useraction", "benutzeraktion", "actiondelutilisateur", "actiondelusuario", "acciondelusuario",
               "aktion", "action", "accion", "acción"),
    "time": ("timestamp", "zeitstempel", "horodatage", "marcadetiempo", "marcadehora", "hora", "zeit"),
}
TEAMS_REPORT = {  # the newer attendance report's participants section
    "name": ("name", "fullname", "nom", "nombre"),
    "join": ("firstjoin", "jointime", "erstermbeitritt", "ersterbeitritt", "beitrittszeit", "premiereconnexion",
             "premiereparticipation", "premiereactivite", "heuredarrivee", "primeraunion", "horadeunion",
             "primeraentrada", "primeiraentrada", "eerstedeelname", "primoaccesso"),
    "leave": ("lastleave", "leavetime", "letzteraustritt", "zuletztverlassen", "austrittszeit",
              "dernieredeconnexion", "dernieresortie", "derniereactivite", "heuredesortie", "ultimasalida",
              "horadesalida", "ultimasaida", "laatstevertrek", "ultimauscita"),
    "duration": ("inmeetingduration", "duration", "dauerinderbesprechung", "dauer", "dureedelareunion",
                 "dureedeparticipation", "dureedanslareunion", "duree", "duracionenlareunion", "duracion",
                 "duracaonareuniao", "duurvandevergadering", "duratadellariunione"),
    "email": ("email", "emailaddress", "mail", "correoelectronico", "courrierelectronique", "adressedemessagerie"),
}
_JOINED = {"joined", "beigetreten", "a rejoint", "rejoint", "se unió", "se unio", "se ha unido", "unido"}
_LEFT = {"left", "verlassen", "hat verlassen", "a quitté", "a quitte", "quitté", "salió", "salio", "abandonó"}
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hours?|std\.?|stunden?|m|min\.?|mins|minutes?|minuten?"
                            r"|s|sec|secs|seconds?|sek\.?|sekunden?|seg\.?|segundos?)(?![a-z])", re.IGNORECASE)


def _key(text: object) -> str:
    s = unicodedata.normalize("NFKD", str(text).casefold())
    return re.sub(r"[^0-9a-z#]+", "", "".join(c for c in s if not unicodedata.combining(c)))


def _find(header: list[str], choices: tuple[str, ...]) -> int | None:
    keys = [_key(h) for h in header]
    for choice in choices:
        if _key(choice) in keys:
            return keys.index(_key(choice))
    return None


def _raw_rows(table: Table) -> list[list[str]]:
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


def _section(rows: list[list[str]], header_row: int) -> int:
    """The last row (1-based) of the table whose header is header_row: up to a blank row or the next
    numbered section ('3. In-Meeting Activities')."""
    for i in range(header_row, len(rows)):
        if not rows[i] or (len([c for c in rows[i] if c.strip()]) == 1 and re.match(r"^\d+\.\s", rows[i][0].strip())):
            return i
    return len(rows)


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series([], dtype="float64" if c == "minutes" else object) for c in MEETING})
    frame["_file"] = pd.Series([], dtype=object)
    frame["_row"] = pd.Series([], dtype="int64")
    return frame


def _person_key(name: str, email: str) -> str:
    return "email:" + email.casefold() if email else "name:" + " ".join(name.split()).casefold()


def _frame(people: dict[str, dict], file: str) -> pd.DataFrame:
    if not people:
        return _empty()
    frame = pd.DataFrame([{c: p[c] for c in (*MEETING, "_row")} for p in people.values()])
    frame["minutes"] = frame["minutes"].astype("float64")
    frame.insert(len(MEETING), "_file", file)
    frame["_row"] = frame["_row"].astype("int64")
    return frame


def _iso(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def _order(values: list[str], given: str | None, name: str, report: Report) -> tuple[str | None, bool]:
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


def _dated(frame: pd.DataFrame, ambiguous: bool) -> pd.DataFrame:
    frame.attrs["ambiguous_dates"] = ambiguous
    return frame


def _when(text: str, order: str) -> dt.datetime | None:
    iso = parse_datetime(text, order)  # type: ignore[arg-type]
    return dt.datetime.fromisoformat(iso) if iso else None


# --- Zoom ---------------------------------------------------------------------------------------


def find_zoom_header(rows: list[list[str]]) -> int | None:
    """The row number (1-based) of a Zoom participants table's header: a name and a duration column."""
    for i, row in enumerate(rows[:_SCAN_ROWS]):
        keys = [_key(c) for c in row]
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
    rows = _raw_rows(table)
    header_row = find_zoom_header(rows)
    if header_row is None:
        report.error(table.name, None, None, "no Zoom participants table found: it needs a column 'Name "
                     "(Original Name)' or 'Name' and a column 'Duration (Minutes)'")
        return _empty()
    t = table_from_rows(rows, table.name, header_row, last_row=_section(rows, header_row))
    cols: dict[str, str | None] = dict.fromkeys(ZOOM_COLUMNS)
    for k, choices in ZOOM_COLUMNS.items():
        for choice in choices:
            hit = next((c for c in t.columns if _key(c) == choice), None)
            if hit:
                cols[k] = hit
                break
    if cols["duration"] is None and not (cols["join"] and cols["leave"]):
        report.error(table.name, header_row, None, "the column 'Duration (Minutes)' is missing "
                     f"(columns found: {', '.join(t.columns)})")
        return _empty()
    split = cols["name"] is not None and _key(cols["name"]) == "nameoriginalname"
    get = {k: (t.rows[c].astype(str).str.strip().tolist() if c else [""] * len(t.rows)) for k, c in cols.items()}
    order, ambiguous = _order(get["join"] + get["leave"], order or table.date_order, table.name, report)
    if order is None:
        return _empty()
    people: dict[str, dict] = {}
    for i, number in enumerate(t.rows["_row"].tolist()):
        name, email = get["name"][i], get["email"][i]
        if split:
            name = _split_zoom_name(name)
        if not name:
            report.error(table.name, number, cols["name"], "no name given for this participant")
            continue
        joined, left = _when(get["join"][i], order), _when(get["leave"][i], order)
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
        p = people.setdefault(_person_key(name, email), {"name": name, "email": email.lower(), "minutes": 0.0,
                                                         "start": None, "end": None, "_row": number})
        p["minutes"] += minutes
        if joined and (p["start"] is None or joined < p["start"]):
            p["start"] = joined
        if left and (p["end"] is None or left > p["end"]):
            p["end"] = left
    for p in people.values():
        if p["start"] and p["end"]:
            p["minutes"] = min(p["minutes"], float(math.ceil((p["end"] - p["start"]).total_seconds() / 60)))
        p["first_join"], p["last_leave"] = _iso(p["start"]), _iso(p["end"])
    return _dated(_frame(people, table.name), ambiguous)


# --- Teams --------------------------------------------------------------------------------------


def _teams_events_header(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:_SCAN_ROWS]):
        if len(row) >= 3 and all(_find(row, TEAMS_EVENTS[k]) is not None for k in ("name", "action", "time")):
            return i + 1
        if len(row) >= 3 and _find(row, TEAMS_EVENTS["action"]) is not None:
            following = [r for r in rows[i + 1:i + 6] if len(r) >= 2]
            if following and all(_action(r[1]) for r in following):
                return i + 1
    return None


def _teams_report_header(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:_SCAN_ROWS * 2]):
        if all(_find(row, TEAMS_REPORT[k]) is not None for k in ("name", "join", "leave")):
            return i + 1
    return None


# The first line of a Teams attendance report (2021 on), in the languages seen: '1. Summary', '1. Résumé' ...
_TEAMS_SUMMARY = {"1summary", "1resume", "1zusammenfassung", "1resumen", "1resumo", "1samenvatting", "1riepilogo",
                  "1sommario"}
_TEAMS_SUMMARY_KEYS = ("meetingtitle", "titredelareunion", "besprechungstitel", "titulodelareunion",
                       "attendedparticipants", "participantspresents", "starttime", "heurededebut", "startzeit")


def _teams_summary(rows: list[list[str]]) -> bool:
    """A Teams attendance report's summary block: '1. Summary' then 'Meeting title', 'Start time' ..."""
    filled = [r for r in rows[:_SCAN_ROWS] if any(c.strip() for c in r)]
    if not filled:
        return False
    first = _key(filled[0][0])
    labels = {_key(r[0]) for r in filled[1:12] if r}
    return first in _TEAMS_SUMMARY or len(labels & set(_TEAMS_SUMMARY_KEYS)) >= 2


def is_teams(rows: list[list[str]]) -> bool:
    """Whether the rows are a Teams attendance list (events) or attendance report (participants), or the
    summary of one (a report cut short before its participants: parse_teams then says so)."""
    return (_teams_events_header(rows) is not None or _teams_report_header(rows) is not None
            or _teams_summary(rows))


def _action(text: str) -> str:
    """'joined', 'left', 'before' (joined before the list started) or '' for any locale's words."""
    s = " ".join(str(text).casefold().split())
    if s.startswith("vor ") and s.endswith("beigetreten") or any(w in s.split() for w in ("before", "avant", "antes")):
        return "before"
    return "joined" if s in _JOINED else "left" if s in _LEFT else ""


def parse_duration(text: str) -> float | None:
    """Minutes in a Teams duration: '1h 2m 3s', '45m 10s', '1 Std. 2 Min.', '01:02:03' or a number."""
    s = str(text).strip()
    if m := re.match(r"^(\d+):(\d{1,2}):(\d{1,2})$", s):
        return int(m.group(1)) * 60 + int(m.group(2)) + int(m.group(3)) / 60
    if (number := to_number(s)) is not None:
        return number
    parts = _DURATION_PART.findall(s)
    if not parts or _DURATION_PART.sub("", s).replace("\u00a0", " ").replace("\u202f", " ").strip(" ,."):
        return None
    total = 0.0
    for value, unit in parts:
        u = unit.casefold()
        # 'std' is German for hours; 'sek' and 'seg' are seconds
        factor = 60.0 if u.startswith(("h", "st")) else 1 / 60 if u.startswith("s") else 1.0
        total += float(value.replace(",", ".")) * factor
    return total


def parse_teams(table: Table, report: Report, order: str | None = None) -> pd.DataFrame:
    """The MEETING frame of a Teams attendance list (Joined/Left events: the time between each Joined and
    its Left is summed, a Joined without a Left runs to the meeting's last timestamp, 'Joined before'
    starts at the first) or of a Teams attendance report (one row per person with a duration)."""
    rows = _raw_rows(table)
    if (header_row := _teams_events_header(rows)) is not None:
        return _parse_teams_events(table.name, rows, header_row, report, order or table.date_order)
    if (header_row := _teams_report_header(rows)) is not None:
        return _parse_teams_report(table.name, rows, header_row, report, order or table.date_order)
    if _teams_summary(rows):
        report.error(table.name, None, None, "this Teams attendance report has its summary but no participants "
                     "table (with 'Name', 'First Join', 'Last Leave'): was it cut short? Download it again")
        return _empty()
    report.error(table.name, None, None, "no Teams attendance table found: it needs the columns 'Full Name', "
                 "'User Action' and 'Timestamp', or 'Name', 'First Join', 'Last Leave' and 'In-Meeting Duration'")
    return _empty()


def _parse_teams_events(name: str, rows: list[list[str]], header_row: int, report: Report,
                        given: str | None) -> pd.DataFrame:
    t = table_from_rows(rows, name, header_row, last_row=_section(rows, header_row))
    header = t.columns
    ci = {k: header[_find(header, v) if _find(header, v) is not None else j]
          for j, (k, v) in enumerate(TEAMS_EVENTS.items())}
    order, ambiguous = _order(t.rows[ci["time"]].tolist(), given, name, report)
    if order is None:
        return _empty()
    events = []
    for number, who, action, stamp in zip(t.rows["_row"], t.rows[ci["name"]], t.rows[ci["action"]],
                                          t.rows[ci["time"]]):
        who, kind, when = " ".join(str(who).split()), _action(action), _when(str(stamp), order)
        if not who:
            report.error(name, int(number), ci["name"], "no name given for this event")
        if not kind:
            report.error(name, int(number), ci["action"], f"'{action}' is not Joined, Left or Joined before")
        if when is None:
            report.error(name, int(number), ci["time"], f"'{stamp}' is not a date and time")
        if who and kind and when is not None:
            events.append((when, int(number), who, kind))
    if not events:
        return _empty()
    start, end = min(e[0] for e in events), max(e[0] for e in events)
    people: dict[str, dict] = {}
    for when, number, who, kind in sorted(events, key=lambda e: (e[0], e[1])):
        p = people.setdefault(_person_key(who, ""), {"name": who, "email": "", "minutes": 0.0, "open": None,
                                                     "start": None, "end": None, "_row": number})
        p["_row"] = min(p["_row"], number)
        if kind in ("joined", "before"):
            at = start if kind == "before" else when
            if p["open"] is None:
                p["open"] = at
                p["start"] = p["start"] or at
        else:
            opened = p["open"] if p["open"] is not None else start  # a Left without a Joined: there from the start
            p["start"] = p["start"] or opened
            p["minutes"] += (when - opened).total_seconds() / 60
            p["open"], p["end"] = None, when
    for p in people.values():
        if p["open"] is not None:
            p["minutes"] += (end - p["open"]).total_seconds() / 60
            p["end"] = end
        p["first_join"], p["last_leave"] = _iso(p["start"]), _iso(p["end"])
    return _dated(_frame(people, name), ambiguous)


def _parse_teams_report(name: str, rows: list[list[str]], header_row: int, report: Report,
                        given: str | None) -> pd.DataFrame:
    t = table_from_rows(rows, name, header_row, last_row=_section(rows, header_row))
    ci = {k: (t.columns[j] if (j := _find(t.columns, v)) is not None else None) for k, v in TEAMS_REPORT.items()}
    get = {k: (t.rows[c].astype(str).str.strip().tolist() if c else [""] * len(t.rows)) for k, c in ci.items()}
    order, ambiguous = _order(get["join"] + get["leave"], given, name, report)
    if order is None:
        return _empty()
    people: dict[str, dict] = {}
    for i, number in enumerate(t.rows["_row"].tolist()):
        who, email = " ".join(get["name"][i].split()), get["email"][i]
        joined, left = _when(get["join"][i], order), _when(get["leave"][i], order)
        if not who:
            report.error(name, number, ci["name"], "no name given for this participant")
            continue
        for k, when in (("join", joined), ("leave", left)):
            if get[k][i] and when is None:
                report.error(name, number, ci[k], f"'{get[k][i]}' is not a date and time")
        if ci["duration"]:
            minutes = parse_duration(get["duration"][i])
            if minutes is None:
                report.error(name, number, ci["duration"], f"'{get['duration'][i]}' is not a duration "
                             "(like 1h 2m 3s)")
                continue
        elif joined and left:
            minutes = max(0.0, (left - joined).total_seconds() / 60)
        else:
            report.error(name, number, ci["join"], "join or leave time missing: minutes unknown")
            continue
        p = people.setdefault(_person_key(who, email), {"name": who, "email": email.lower(), "minutes": 0.0,
                                                        "first_join": "", "last_leave": "", "_row": number})
        p["minutes"] += minutes
        if joined and (not p["first_join"] or _iso(joined) < p["first_join"]):
            p["first_join"] = _iso(joined)
        if left and _iso(left) > p["last_leave"]:
            p["last_leave"] = _iso(left)
    return _dated(_frame(people, name), ambiguous)
