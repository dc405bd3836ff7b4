"""The sign-in sheet template: one row per person per session (program, cohort, group, date or session
number, person, status, minutes), with the usual other names for each column."""
from __future__ import annotations

from peers_dash.ingest.formats import Format, Frames, Head, Input


def template_recognise(kind: str):
    def recognise(head: Head) -> bool:
        from peers_dash.ingest.formats.parsers.templates import ONE_OF, REQUIRED, match_columns

        found = match_columns(kind, head.first)
        needed = [c for c in REQUIRED[kind] if c not in ("program", "cohort")]
        return all(c in found for c in needed) and (kind not in ONE_OF or any(c in found for c in ONE_OF[kind]))
    return recognise


def template_parse(kind: str):
    def parse(inp: Input) -> Frames | None:
        from peers_dash.ingest.formats.parsers.templates import parse_roster, parse_sessions, parse_signin
        from peers_dash.ingest.read import read_table

        table = read_table(inp.data, inp.name)
        table.date_order = inp.date_order
        return {"rows": {"roster": parse_roster, "sessions": parse_sessions,
                         "signin": parse_signin}[kind](table, inp.report)}
    return parse


FORMAT = Format("signin", "attendance", "a sign-in sheet", 60, template_recognise("signin"), template_parse("signin"))
