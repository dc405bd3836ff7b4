"""Turn survey rows plus a plan (who answered, which column is which question) into the canonical frames.

Shared by the mapped-table, Qualtrics and REDCap parsers (formats/parsers). Bad data is reported, never raised.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from peers_dash.ingest.canonical import ANSWERS, NEW_ITEMS, RESPONSES
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import Table, to_number
from peers_dash.ingest.survey.mapping import WHO, Mapping, Question, norm

Row = tuple[int, dict[str, str]]  # (row number a person sees, cells by column name)
Frames = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]  # RESPONSES, ANSWERS, NEW_ITEMS
TRUE_WORDS = {"1", "true", "yes", "y", "complete", "completed", "finished", "2"}


@dataclass
class Spec:
    """A question with what the parser knows about its column (e.g. REDCap choices)."""

    question: Question
    choices: dict[str, str] | None = None  # normalised code or label -> code text (REDCap dictionary)
    choices_text: str = ""  # the choices as shown in messages
    field_name: str = ""


@dataclass
class Plan:
    """How to read one file's rows."""

    name: str
    columns: list[str]
    mapping: Mapping
    specs: list[Spec] = field(default_factory=list)
    who: dict[str, str] = field(default_factory=dict)  # program/cohort/... -> column
    respondent: str | None = None  # column, or None: the row number is the id
    respondent_of: Callable[[dict[str, str]], str] | None = None  # overrides respondent (REDCap events)
    complete_of: Callable[[dict[str, str]], bool] | None = None
    missing: set[str] = field(default_factory=set)
    duplicated: set[str] = field(default_factory=set)  # column names the file has more than once


def plan_from_mapping(name: str, columns: list[str], mapping: Mapping) -> Plan:
    """A Plan that reads exactly what the mapping says."""
    plan = Plan(name=name, columns=columns, mapping=mapping, specs=[Spec(q) for q in mapping.questions])
    plan.who = {k: v for k, v in mapping.columns.items() if k not in ("respondent", "complete")}
    plan.respondent = mapping.columns.get("respondent")
    done = mapping.columns.get("complete")
    if done:
        plan.complete_of = lambda cells: norm(cells.get(done, "")) in TRUE_WORDS
    return plan


def table_rows(table: Table, names: list[str] | None = None) -> list[Row]:
    """The rows of a Table that are not blank, each cell as text, under `names` (one per column of the table, in
    order; the table's own names by default)."""
    cols = [c for c in table.columns if c != "_row"]
    out = []
    for rec in table.rows.to_dict("records"):
        cells = {new: ("" if rec.get(old) is None or (isinstance(rec.get(old), float) and rec[old] != rec[old])
                       else str(rec[old])) for new, old in zip(cols if names is None else names, cols)}
        if any(v.strip() for v in cells.values()):
            out.append((int(rec["_row"]), cells))
    return out


def number(text: str) -> float | None:
    """A cell as a number (decimal commas accepted), or None."""
    return to_number(text)


def _letters(text: str) -> str:
    """Only the letters and digits of a text, lower case: how loosely an answer's wording may match."""
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else str(x)


def listed(names: list[str], limit: int = 12) -> str:
    """The first `limit` names quoted, and how many more there are."""
    shown = ", ".join(repr(n) for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def warn_unused(plan: Plan, unused: list[str], report: Report) -> None:
    """One warning listing the columns that were not imported."""
    if unused:
        report.warning(plan.name, None, None, f"{len(unused)} column(s) are not imported (neither in the mapping "
                                              f"nor questions of the catalogue): {listed(unused, 15)}")


def use_guessed_who(plan: Plan, guessed: dict[str, str], rows: list[Row], report: Report) -> None:
    """Take the program, cohort, class year, e-mail and roster id columns the mapping does not name from
    their guessed columns; say so for e-mail and roster id."""
    for key in WHO:
        if key in plan.who or key not in guessed:
            continue
        plan.who[key] = guessed[key]
        if key in ("email", "roster_id") and any(cells.get(guessed[key], "").strip() for _, cells in rows):
            what = "e-mail" if key == "email" else "roster id"
            report.warning(plan.name, None, guessed[key], f"read as the respondents' {what}, used only to find "
                                                          "their program, cohort, class year and attendance in "
                                                          "the roster, then dropped")


def check_columns(plan: Plan, report: Report) -> None:
    """Drop mapped columns the file lacks, with an error naming each and the columns found."""
    have = set(plan.columns)
    found = listed([c for c in plan.columns if c], 40)
    kept = []
    used = [s.question.column for s in plan.specs] + list(plan.who.values()) + [plan.respondent or ""]
    for col in dict.fromkeys(c for c in used if c in plan.duplicated):
        report.error(plan.name, 1, col, f"the column {col!r} appears more than once, and the import reads it: "
                                        "keep one (which one is meant cannot be told)")
    for spec in plan.specs:
        if spec.question.column in have:
            kept.append(spec)
        else:
            report.error(plan.name, None, spec.question.column,
                         f"the mapping {plan.mapping.name} reads column {spec.question.column!r} "
                         f"({spec.question.item_id}), which this file does not have; columns found: {found}")
    plan.specs = kept
    for key, col in list(plan.who.items()) + ([("respondent", plan.respondent)] if plan.respondent else []):
        if col not in have:
            report.error(plan.name, None, col, f"the mapping {plan.mapping.name} reads column {col!r} as the "
                                               f"{key.replace('_', ' ')}, which this file does not have; "
                                               f"columns found: {found}")
            if key == "respondent":
                plan.respondent = None
            else:
                del plan.who[key]


def placed_anywhere(plan: Plan, rows: list[Row], report: Report) -> bool:
    """False (with the file-level error) when nothing can say where the respondents stand."""
    m = plan.mapping
    if any(k in plan.who for k in ("program", "cohort", "class_year")) or m.program or m.cohort or m.class_year:
        return True
    for key in ("email", "roster_id"):
        col = plan.who.get(key)
        if col and any(cells.get(col, "").strip() for _, cells in rows):
            return True
    report.error(plan.name, None, None,
                 "no column gives the respondents' program, cohort or class year, and the import sets none: "
                 "add `program = ...` to a mapping or choose it when importing")
    return False


def value_of(spec: Spec, raw: str, name: str, row: int, report: Report) -> float | None:
    """One answer checked and recoded to a number, or None (reported when it is wrong)."""
    q = spec.question
    col = q.column
    text = raw
    if spec.choices is not None:
        code = spec.choices.get(norm(raw))
        if code is None:
            report.error(name, row, col, f"{raw!r} is not among the choices of {spec.field_name or col} in the "
                                         f"data dictionary: {spec.choices_text}")
            return None
        text = code
    recode = {norm(k): v for k, v in (q.values or {}).items()}
    if norm(text) in recode:
        x: float | None = recode[norm(text)]
    else:
        x = number(text)
        if x is not None:  # "4.0" (a spreadsheet's number) takes the recode of "4"
            numeric = {number(k): v for k, v in (q.values or {}).items() if number(k) is not None}
            x = numeric.get(x, x)
        else:  # "Some or a little of the time (1–2 days)" is the label "... (1-2 days)": punctuation aside
            loose = {_letters(k): v for k, v in (q.values or {}).items() if _letters(k)}
            x = loose.get(_letters(text))
    scale = f"{_fmt(q.scale_min)} to {_fmt(q.scale_max)}" if q.scale_min is not None else ""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        labels = sorted((q.values or {}).items(), key=lambda kv: kv[1])
        shown = ", ".join(repr(k) for k, _ in labels[:12])
        accepted = (f"{shown} or a number from {scale}" if shown else f"a number from {scale}") if scale \
            else (shown or "a number")
        report.error(name, row, col, f"{raw!r} is not an answer {q.item_id} accepts; accepted: {accepted} "
                                     "(add it to the mapping's values if it means one of them)")
        return None
    if q.kind in ("scale", "yes_no") and not float(x).is_integer():
        report.error(name, row, col, f"{raw!r} is not a whole number; {q.item_id} takes whole answers from {scale}")
        return None
    if q.scale_min is not None and not (q.scale_min <= x <= q.scale_max):
        report.error(name, row, col, f"{raw!r} is outside the scale of {q.item_id} ({scale})"
                                     + (f"; {q.hint}" if q.hint else ""))
        return None
    return float(x)


def build(plan: Plan, rows: list[Row], report: Report) -> Frames:
    """RESPONSES, ANSWERS and NEW_ITEMS frames for the rows; problems go to the report."""
    name, m = plan.name, plan.mapping
    missing = {norm(v) for v in m.missing} | {norm(v) for v in plan.missing} | {""}
    placed = placed_anywhere(plan, rows, report)
    seen: dict[str, int] = {}
    responses, answers, empty = [], [], []
    for rownum, cells in rows:
        if plan.respondent_of is not None:
            rid = plan.respondent_of(cells)
        elif plan.respondent:
            rid = cells.get(plan.respondent, "").strip()
            if not rid:
                report.error(name, rownum, plan.respondent, "the respondent id is empty")
                continue
        else:
            rid = str(rownum)
        if rid in seen:
            report.error(name, rownum, plan.respondent or None,
                         f"respondent id {rid!r} appears twice: rows {seen[rid]} and {rownum}; "
                         "each response must have its own id")
            continue
        seen[rid] = rownum
        got = []
        for spec in plan.specs:
            q = spec.question
            raw = cells.get(q.column, "")
            if norm(raw) in missing:
                continue
            if q.kind == "text":
                text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
                got.append((rid, q.item_id, float("nan"), text, name, rownum))
                continue
            x = value_of(spec, raw.strip(), name, rownum, report)
            if x is not None:
                got.append((rid, q.item_id, x, "", name, rownum))
        if not got and plan.specs:
            empty.append(rownum)
            continue
        who = {}
        for key in WHO:
            col = plan.who.get(key)
            val = cells.get(col, "").strip() if col else ""
            val = val or (getattr(m, key, "") if key in ("program", "cohort", "class_year") else "")
            who[key] = m.translate.get(key, {}).get(norm(val), val) if val else val
        if placed and not any(who.values()):
            report.error(name, rownum, None, "this response has no program, cohort, class year, e-mail or roster "
                                             "id; the dashboard needs one of them to place it")
        complete = plan.complete_of(cells) if plan.complete_of else True
        if plan.respondent_of is not None or plan.respondent:
            rkey = "id:" + rid
        else:  # no id of its own: the same row exported again (a form's timestamp and answers) is the same response
            rkey = "content:" + json.dumps(sorted(cells.items()))
        responses.append((rid, who["program"], who["cohort"], who["class_year"], who["email"],
                          who["roster_id"], "true" if complete else "false", rkey, name, rownum))
        answers.extend(got)
    if empty:
        shown = ", ".join(str(r) for r in empty[:10]) + (" ..." if len(empty) > 10 else "")
        report.warning(name, None, None, f"{len(empty)} row(s) answer none of the mapped questions and were "
                                         f"skipped (rows {shown})")
    new_items = [(q.item_id, q.instrument, q.text, q.short_label, q.construct,
                  "scale" if q.kind == "score" else q.kind,
                  _int(q.scale_min), _int(q.scale_max), _int(q.favorable_min), _int(q.favorable_max),
                  q.higher_is_better, q.reverse_scored, m.name, q.line)
                 for q in (s.question for s in plan.specs) if not q.catalogue]
    frame = pd.DataFrame(responses, columns=list(RESPONSES) + ["_file", "_row"])
    frame.attrs["who_columns"] = dict(plan.who)  # so that later messages name the file's own columns
    return (frame,
            pd.DataFrame(answers, columns=list(ANSWERS) + ["_file", "_row"]),
            pd.DataFrame(new_items, columns=list(NEW_ITEMS) + ["_file", "_row"], dtype=object))


def empty_frames() -> Frames:
    """The three frames with their columns and no rows."""
    return (pd.DataFrame(columns=list(RESPONSES) + ["_file", "_row"]),
            pd.DataFrame(columns=list(ANSWERS) + ["_file", "_row"]),
            pd.DataFrame(columns=list(NEW_ITEMS) + ["_file", "_row"], dtype=object))


def _int(x: float | None) -> int | None:
    return None if x is None else int(round(x))
