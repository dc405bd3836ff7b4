"""REDCap exports (raw or labels, with events and repeating instruments), read with their data dictionary."""
from __future__ import annotations

from peers_dash.ingest.formats import Format, Frames, Head, Input
from peers_dash.ingest.formats.qualtrics import survey_frames


def recognise(head: Head) -> bool:
    return "recordid" in head.header or "redcapeventname" in head.header or any(
        c.strip().casefold().endswith("_complete") for c in head.first[1:])


def parse(inp: Input) -> Frames | None:
    from peers_dash.ingest.formats.parsers.redcap import parse_redcap

    dict_name, dict_data = inp.dictionary if inp.dictionary else ("", None)
    return survey_frames(parse_redcap(inp.data, inp.name, dict_data, dict_name, inp.report, inp.mapping))


FORMAT = Format("redcap", "survey", "a REDCap export", 30, recognise, parse)
