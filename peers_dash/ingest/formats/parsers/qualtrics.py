"""Qualtrics CSV exports (current, with three header rows, and legacy) -> (RESPONSES, ANSWERS, NEW_ITEMS) frames,
optionally through a mapping; the questions of the catalogue are recognised by their text without one. Every
problem goes to the Report; nothing raises.
"""
from __future__ import annotations

import re
from dataclasses import replace

from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import ReadError, read_raw
from peers_dash.ingest.survey.columns import guess_item, guess_who, is_qualtrics_meta, squash
from peers_dash.ingest.survey.engine import (Frames, Row, Spec, build, check_columns, empty_frames, number,
                                             plan_from_mapping, use_guessed_who, warn_unused)
from peers_dash.ingest.survey.mapping import Mapping, catalogue_question, norm
from peers_dash.model.catalog import resolve_shared_items

QUALTRICS_SKIP = {"1": "a survey preview", "2": "a test response", "8": "marked as spam",
                  "9": "a preview marked as spam", "12": "an imported response marked as spam",
                  "17": "an offline preview"}


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        n = n.strip()
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out


def qualtrics_headers(raw: list[list[str]], name: str, report: Report) -> tuple[list[str], list[str], int] | None:
    """(column names, question texts, index of the first data row) of a Qualtrics export."""
    h = next((i for i, r in enumerate(raw) if any(c.strip() for c in r)), None)
    if h is None:
        report.error(name, None, None, "the file is empty")
        return None
    names = [c.strip() for c in raw[h]]
    second = raw[h + 1] if h + 1 < len(raw) else []
    third = raw[h + 2] if h + 2 < len(raw) else []
    if any(c.strip().startswith('{"ImportId"') for c in third):
        return _unique(names), second, h + 3  # current export: names, question text, ImportId
    first_cell = second[0].strip() if second else ""
    if names and (re.fullmatch(r"V\d+", names[0]) or squash(names[0]) == "responseid") \
            and not re.match(r"R_\w+$", first_cell):
        # legacy export: V1, V2 ... (or ResponseID, ...) then a row of question texts
        fixed = [(second[i].strip() if re.fullmatch(r"V\d+", n) and i < len(second) and second[i].strip() else n)
                 for i, n in enumerate(names)]
        report.warning(name, None, None, "this is a legacy Qualtrics export (2 header rows); it is read, but "
                                         "a current export (3 header rows) is recommended")
        return _unique(fixed), second, h + 2
    if any(squash(n) in ("responseid", "startdate") for n in names):
        return _unique(names), [""] * len(names), h + 1  # one header row
    report.error(name, h + 1, None, "this does not look like a Qualtrics export: its first row should hold "
                                    "ResponseId, StartDate, ... and the question columns (Q1, Q2, ...)")
    return None


def parse_qualtrics(data: bytes, name: str, report: Report, mapping: Mapping | None = None) -> Frames:
    """A Qualtrics CSV export (3 header rows, or legacy 2), optionally read through a mapping."""
    mapping = mapping or Mapping(name="(no mapping)")
    try:
        raw = read_raw(data, name)
    except ReadError as exc:
        report.error(name, None, None, str(exc))
        return empty_frames()
    found = qualtrics_headers(raw, name, report)
    if found is None:
        return empty_frames()
    columns, texts, start = found
    text_of = {c: (texts[i].strip() if i < len(texts) else "") for i, c in enumerate(columns)}
    by_text = {norm(t): c for c, t in text_of.items() if t}
    moved = [replace(q, column=by_text[norm(q.column)]) if q.column not in columns and norm(q.column) in by_text
             else q for q in mapping.questions]  # a mapping may name a column by its question text
    mapping = replace(mapping, questions=moved)
    plan = plan_from_mapping(name, columns, mapping)
    guessed = guess_who(columns)
    plan.respondent = plan.respondent or guessed.get("respondent")
    plan.missing = {"-99"}  # Qualtrics: seen but not answered
    plan.duplicated = {c for c in columns if columns.count(f"{c} (2)")}
    check_columns(plan, report)
    taken = ({s.question.column for s in plan.specs} | set(plan.who.values()) | set(guessed.values())
             | {plan.respondent})
    taken_items = {s.question.item_id for s in plan.specs}
    unmapped, recognised = [], {}
    for col in columns:
        if col in taken or is_qualtrics_meta(col) or not col:
            continue
        item = guess_item(col, text_of.get(col, ""))
        if item:
            recognised[col] = item
        else:
            unmapped.append(col)
    for col, item in resolve_shared_items(recognised).items():
        if item in taken_items:
            unmapped.append(col)
        else:
            plan.specs.append(Spec(catalogue_question(col, item)))
            taken_items.add(item)
    if not plan.specs:
        shown = ", ".join(f"{c!r} ({text_of[c][:60]!r})" if text_of.get(c) else repr(c) for c in unmapped[:15])
        report.error(name, None, None, "no column is a question of the catalogue (matched by its question text): "
                                       f"map them with a mapping file (docs/MAPPING.md); columns: {shown}")
    else:
        warn_unused(plan, unmapped, report)
    idx = {c: i for i, c in enumerate(columns)}
    status_col = next((c for c in columns if squash(c) == "status"), None)
    rows: list[Row] = []
    for i in range(start, len(raw)):
        cells_list = raw[i]
        if not any(c.strip() for c in cells_list):
            continue
        cells = {c: (cells_list[j] if j < len(cells_list) else "") for c, j in idx.items()}
        status = cells.get(status_col, "").strip() if status_col else ""
        why = QUALTRICS_SKIP.get(status) or next(
            (w for k, w in (("spam", "marked as spam"), ("preview", "a survey preview"), ("test", "a test response"))
             if k in status.casefold()), None)
        if why:
            report.warning(name, i + 1, status_col, f"skipped: the response is {why} (Status {status!r})")
            continue
        rows.append((i + 1, cells))
    use_guessed_who(plan, guessed, rows, report)
    finished = next((c for c in columns if squash(c) == "finished"), None)
    progress = next((c for c in columns if squash(c) == "progress"), None)

    def complete(cells: dict[str, str]) -> bool:
        if finished and norm(cells.get(finished, "")) in ("0", "false", "no"):
            return False
        p = number(cells.get(progress, "")) if progress and cells.get(progress, "").strip() else None
        return not (p is not None and p < 100)

    plan.complete_of = complete
    return build(plan, rows, report)
