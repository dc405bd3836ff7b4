"""Qualtrics CSV exports: three header rows (names, question texts, ImportIds) or the legacy two."""
from __future__ import annotations

from peers_dash.ingest.formats import Format, Frames, Head, Input


def recognise(head: Head) -> bool:
    if len(head.rows) >= 3 and any(c.strip().startswith('{"ImportId"') for c in head.rows[2]):
        return True
    legacy = head.header[:2] in (["responseid", "responseset"], ["v1", "v2"])
    return legacy or (head.header[:2] == ["startdate", "enddate"] and "responseid" in head.header)


def parse(inp: Input) -> Frames | None:
    from peers_dash.ingest.formats.parsers.qualtrics import parse_qualtrics

    return survey_frames(parse_qualtrics(inp.data, inp.name, inp.report, inp.mapping))


def survey_frames(frames) -> Frames:
    responses, answers, new_items = frames
    return {"responses": responses, "answers": answers, "new_items": new_items}


FORMAT = Format("qualtrics", "survey", "a Qualtrics export", 10, recognise, parse)
