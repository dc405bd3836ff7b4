"""Any other table: a survey CSV or Excel file with one row per respondent, read through a mapping file."""
from __future__ import annotations

from peers_dash.ingest.formats import Format, Frames, Head, Input
from peers_dash.ingest.formats.qualtrics import survey_frames


def recognise(head: Head) -> bool:
    return True  # asked last: whatever no other format recognised


def parse(inp: Input) -> Frames | None:
    from peers_dash.ingest.formats.parsers.wide import parse_mapped
    from peers_dash.ingest.read import read_table

    if inp.mapping is None:
        inp.report.error(inp.name, None, None, "a survey file that is not a Qualtrics or REDCap export needs a "
                                               "mapping file saying what each column is (see docs/MAPPING.md; the "
                                               "Import page can start one from the file's columns)")
        return None
    return survey_frames(parse_mapped(read_table(inp.data, inp.name), inp.mapping, inp.report))


FORMAT = Format("wide", "survey", "a table", 99, recognise, parse)
