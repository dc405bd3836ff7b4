"""From a file's bytes to canonical frames: detect the format (the user's chosen kind stays in charge) and
call its parser. Problems go to the report; nothing here raises for bad input."""
from __future__ import annotations

import pandas as pd

from peers_dash.ingest.formats import REGISTRY, TEMPLATES, Input, detect_format
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import ReadError, read_sheets
from peers_dash.ingest.survey.mapping import Mapping
from peers_dash.ingest.survey.mapping_file import load_mapping


def load_mapping_file(mapping: tuple[str, bytes], report: Report) -> Mapping | None:
    name, data = mapping
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.error(name, None, None, "the mapping file is not UTF-8 text")
        return None
    return load_mapping(text, name, report)


def split_dictionary(files: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], tuple[str, bytes] | None]:
    """A REDCap data dictionary uploaded beside its data is not data itself."""
    data, dictionary = [], None
    for name, content in files:
        try:
            is_dictionary = detect_format(content, name) == "redcap_dictionary"
        except ReadError:
            is_dictionary = False
        if is_dictionary and dictionary is None:
            dictionary = (name, content)
        else:
            data.append((name, content))
    return data, dictionary


def split_workbooks(files: list[tuple[str, bytes]], report: Report) -> list[tuple[str, bytes]]:
    """A workbook with a sheet per file (roster, sessions, sign-in ...) as one CSV file per non-empty sheet,
    named 'book.xlsx / Sheet'; other files as they are."""
    import csv
    import io

    out = []
    for name, data in files:
        if not (data.startswith(b"PK") and name.lower().endswith((".xlsx", ".xlsm"))):
            out.append((name, data))
            continue
        try:
            sheets = read_sheets(data, name)
        except ReadError as exc:
            report.error(name, None, None, str(exc))
            continue
        if len(sheets) <= 1:
            out.append((name, data))
            continue
        for title, rows in sheets:
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            out.append((f"{name} / {title}", buf.getvalue().encode("utf-8")))
    return out


def detect(name: str, data: bytes, fmt: str, allowed: tuple[str, ...], report: Report) -> str | None:
    """The format to parse `data` as, among those the import's kind allows; None (reported) if none fits."""
    if fmt != "auto":
        if fmt not in allowed:
            report.error(name, None, None, f"--format {fmt} is not for this kind of import (use one of "
                                           f"{', '.join(allowed)})")
            return None
        return fmt
    try:
        found = detect_format(data, name)
    except ReadError as exc:
        report.error(name, None, None, str(exc))
        return None
    if found in allowed:
        return found
    if "wide" in allowed and found in TEMPLATES:
        return "wide"  # a survey table with columns that happen to look like a template
    if found in TEMPLATES + ("wide",) and allowed[0] in TEMPLATES:
        return allowed[0]  # the chosen kind decides; its parser names the missing columns
    report.error(name, None, None, f"this looks like {REGISTRY[found].label}, not "
                                   f"{' or '.join(REGISTRY[a].label for a in allowed)}")
    return None


def parse(fmt: str, name: str, data: bytes, report: Report, mapping: Mapping | None = None,
          dictionary: tuple[str, bytes] | None = None, date_order: str | None = None) -> dict[str, pd.DataFrame] | None:
    """The format's frames: {'rows': frame} for rosters, sessions and attendance (a Zoom or Teams report whose
    dates read two ways also gives 'other_reading'); {'responses', 'answers', 'new_items'} for surveys. None
    when the file could not be read (reported)."""
    try:
        return REGISTRY[fmt].parse(Input(name, data, report, mapping=mapping, dictionary=dictionary,
                                         date_order=date_order))
    except ReadError as exc:
        report.error(name, None, None, str(exc))
        return None
