"""Zoom participant reports (with or without the meeting block above the participants), any date format."""
from __future__ import annotations

from peers_dash.ingest.formats import Format, Frames, Head, Input
from peers_dash.ingest.formats.teams import meeting_frames


def recognise(head: Head) -> bool:
    from peers_dash.ingest.formats.parsers.zoom import find_zoom_header

    return find_zoom_header(head.rows) is not None


def parse(inp: Input) -> Frames | None:
    from peers_dash.ingest.formats.parsers.zoom import parse_zoom

    return meeting_frames(parse_zoom, inp)


FORMAT = Format("zoom", "attendance", "a Zoom report", 50, recognise, parse)
