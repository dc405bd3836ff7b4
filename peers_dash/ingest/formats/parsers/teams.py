"""Microsoft Teams attendance -> the MEETING frame, one row per person: the attendance list (Joined / Left
events, 2020) and the attendance report (summary and participants, 2021 on), in any of the languages Teams
writes."""
from __future__ import annotations

import re

import pandas as pd

from peers_dash.ingest.formats.parsers.meeting import (SCAN_ROWS, cell_key, column_values, empty_meeting, find_column,
                                                       iso_text, meeting_frame, parse_when, person_key, raw_rows,
                                                       report_date_order, section_end, with_ambiguity)
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import Table, table_from_rows, to_number

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


def _teams_events_header(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:SCAN_ROWS]):
        if len(row) >= 3 and all(find_column(row, TEAMS_EVENTS[k]) is not None for k in ("name", "action", "time")):
            return i + 1
        if len(row) >= 3 and find_column(row, TEAMS_EVENTS["action"]) is not None:
            following = [r for r in rows[i + 1:i + 6] if len(r) >= 2]
            if following and all(_action(r[1]) for r in following):
                return i + 1
    return None


def _teams_report_header(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows[:SCAN_ROWS * 2]):
        if all(find_column(row, TEAMS_REPORT[k]) is not None for k in ("name", "join", "leave")):
            return i + 1
    return None


# The first line of a Teams attendance report (2021 on), in the languages seen: '1. Summary', '1. Résumé' ...
_TEAMS_SUMMARY = {"1summary", "1resume", "1zusammenfassung", "1resumen", "1resumo", "1samenvatting", "1riepilogo",
                  "1sommario"}
_TEAMS_SUMMARY_KEYS = ("meetingtitle", "titredelareunion", "besprechungstitel", "titulodelareunion",
                       "attendedparticipants", "participantspresents", "starttime", "heurededebut", "startzeit")


def _teams_summary(rows: list[list[str]]) -> bool:
    """A Teams attendance report's summary block: '1. Summary' then 'Meeting title', 'Start time' ..."""
    filled = [r for r in rows[:SCAN_ROWS] if any(c.strip() for c in r)]
    if not filled:
        return False
    first = cell_key(filled[0][0])
    labels = {cell_key(r[0]) for r in filled[1:12] if r}
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
    rows = raw_rows(table)
    if (header_row := _teams_events_header(rows)) is not None:
        return _parse_teams_events(table.name, rows, header_row, report, order or table.date_order)
    if (header_row := _teams_report_header(rows)) is not None:
        return _parse_teams_report(table.name, rows, header_row, report, order or table.date_order)
    if _teams_summary(rows):
        report.error(table.name, None, None, "this Teams attendance report has its summary but no participants "
                     "table (with 'Name', 'First Join', 'Last Leave'): was it cut short? Download it again")
        return empty_meeting()
    report.error(table.name, None, None, "no Teams attendance table found: it needs the columns 'Full Name', "
                 "'User Action' and 'Timestamp', or 'Name', 'First Join', 'Last Leave' and 'In-Meeting Duration'")
    return empty_meeting()


def _parse_teams_events(name: str, rows: list[list[str]], header_row: int, report: Report,
                        given: str | None) -> pd.DataFrame:
    t = table_from_rows(rows, name, header_row, last_row=section_end(rows, header_row))
    header = t.columns
    ci = {k: header[find_column(header, v) if find_column(header, v) is not None else j]
          for j, (k, v) in enumerate(TEAMS_EVENTS.items())}
    order, ambiguous = report_date_order(t.rows[ci["time"]].tolist(), given, name, report)
    if order is None:
        return empty_meeting()
    events = []
    for number, who, action, stamp in zip(t.rows["_row"], t.rows[ci["name"]], t.rows[ci["action"]],
                                          t.rows[ci["time"]]):
        who, kind, when = " ".join(str(who).split()), _action(action), parse_when(str(stamp), order)
        if not who:
            report.error(name, int(number), ci["name"], "no name given for this event")
        if not kind:
            report.error(name, int(number), ci["action"], f"'{action}' is not Joined, Left or Joined before")
        if when is None:
            report.error(name, int(number), ci["time"], f"'{stamp}' is not a date and time")
        if who and kind and when is not None:
            events.append((when, int(number), who, kind))
    if not events:
        return empty_meeting()
    start, end = min(e[0] for e in events), max(e[0] for e in events)
    people: dict[str, dict] = {}
    for when, number, who, kind in sorted(events, key=lambda e: (e[0], e[1])):
        p = people.setdefault(person_key(who, ""), {"name": who, "email": "", "minutes": 0.0, "open": None,
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
        p["first_join"], p["last_leave"] = iso_text(p["start"]), iso_text(p["end"])
    return with_ambiguity(meeting_frame(people, name), ambiguous)


def _parse_teams_report(name: str, rows: list[list[str]], header_row: int, report: Report,
                        given: str | None) -> pd.DataFrame:
    t = table_from_rows(rows, name, header_row, last_row=section_end(rows, header_row))
    ci = {k: (t.columns[j] if (j := find_column(t.columns, v)) is not None else None) for k, v in TEAMS_REPORT.items()}
    get = column_values(t, ci)
    order, ambiguous = report_date_order(get["join"] + get["leave"], given, name, report)
    if order is None:
        return empty_meeting()
    people: dict[str, dict] = {}
    for i, number in enumerate(t.rows["_row"].tolist()):
        who, email = " ".join(get["name"][i].split()), get["email"][i]
        joined, left = parse_when(get["join"][i], order), parse_when(get["leave"][i], order)
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
        p = people.setdefault(person_key(who, email), {"name": who, "email": email.lower(), "minutes": 0.0,
                                                        "first_join": "", "last_leave": "", "_row": number})
        p["minutes"] += minutes
        if joined and (not p["first_join"] or iso_text(joined) < p["first_join"]):
            p["first_join"] = iso_text(joined)
        if left and iso_text(left) > p["last_leave"]:
            p["last_leave"] = iso_text(left)
    return with_ambiguity(meeting_frame(people, name), ambiguous)
