"""Microsoft Teams attendance: the attendance list (Joined / Left events, 2020) and the attendance report
(summary and participants, 2021 on), in any of the languages Teams writes."""
from __future__ import annotations

from peers_dash.ingest.formats import Format, Frames, Head, Input


def recognise(head: Head) -> bool:
    from peers_dash.ingest.formats.parsers.teams import is_teams

    return is_teams(head.rows)


def parse(inp: Input) -> Frames | None:
    from peers_dash.ingest.formats.parsers.teams import parse_teams

    return meeting_frames(parse_teams, inp)


def meeting_frames(parser, inp: Input) -> Frames:
    """{'rows': the report}; a report whose dates read both ways also gives 'other_reading' (read day first),
    for the session's date to choose between (stage/meeting.py)."""
    from peers_dash.ingest.problems import Report
    from peers_dash.ingest.read import read_table

    table = read_table(inp.data, inp.name)
    table.date_order = inp.date_order
    rows = parser(table, inp.report)
    if rows.attrs.get("ambiguous_dates"):
        return {"rows": rows, "other_reading": parser(table, Report(), order="dmy")}
    return {"rows": rows}


FORMAT = Format("teams", "attendance", "a Teams attendance report", 40, recognise, parse)
