"""REDCap records export (raw codes or labels) with its data dictionary -> the canonical survey frames."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import ReadError, read_table
from peers_dash.ingest.suggest.mapping import guess_item, guess_who, squash
from peers_dash.ingest.survey.engine import (Plan, Row, Spec, build, check_columns, empty_frames,
                                             use_guessed_who)
from peers_dash.ingest.survey.mapping import Mapping, catalogue_question, norm

Frames = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]
NOT_COMPLETED = "[not completed]"
SPECIAL = {"eventname": "redcap_event_name", "repeatinstrument": "redcap_repeat_instrument",
           "repeatinstance": "redcap_repeat_instance", "surveyidentifier": "redcap_survey_identifier",
           "dataaccessgroup": "redcap_data_access_group", "recordid": None}
FIXED_CHOICES = {"yesno": {"1": "Yes", "0": "No"}, "truefalse": {"1": "True", "0": "False"}}


@dataclass
class Field:
    """One row of the data dictionary."""

    name: str
    form: str
    type: str
    label: str
    choices: dict[str, str] = field(default_factory=dict)  # code -> label


def parse_choices(text: str) -> dict[str, str]:
    """'1, Strongly disagree | 2, Disagree' -> {'1': 'Strongly disagree', '2': 'Disagree'}."""
    out = {}
    for part in str(text).split("|"):
        code, sep, label = part.partition(",")
        if code.strip():
            out[code.strip()] = label.strip() if sep else code.strip()
    return out


def read_dictionary(data: bytes, name: str, report: Report) -> dict[str, Field] | None:
    """The data dictionary's fields by name, in order; None (with an error) when it is not one."""
    try:
        table = read_table(data, name)
    except ReadError as exc:
        report.error(name, None, None, str(exc))
        return None
    cols = {squash(c): c for c in table.columns}

    def col(prefix: str) -> str | None:
        return next((c for s, c in cols.items() if s.startswith(prefix)), None)

    var, form, ftype, label, choices = (col("variable"), col("formname"), col("fieldtype"), col("fieldlabel"),
                                        col("choices"))
    if not var or not ftype:
        report.error(name, 1, None, "this is not a REDCap data dictionary: it needs the columns "
                                    "'Variable / Field Name' and 'Field Type' (download it from Project Setup > "
                                    "Data Dictionary)")
        return None
    fields: dict[str, Field] = {}
    for rec in table.rows.to_dict("records"):
        fname = str(rec.get(var) or "").strip()
        if not fname:
            continue
        kind = str(rec.get(ftype) or "").strip().casefold()
        f = Field(fname, str(rec.get(form) or "").strip() if form else "", kind,
                  str(rec.get(label) or "").strip() if label else "")
        if kind in ("radio", "dropdown", "checkbox") and choices:
            f.choices = parse_choices(str(rec.get(choices) or ""))
        f.choices = FIXED_CHOICES.get(kind, f.choices)
        fields[fname] = f
    return fields


def relabel(columns: list[str], fields: dict[str, Field]) -> list[str]:
    """Field names for the headers of a 'labels' export ('Study ID', 'Race (choice=Asian)', 'Complete?')."""
    if not fields or columns[0] in fields or sum(c in fields for c in columns) * 2 >= len(columns):
        return columns
    by_label: dict[str, list[str]] = {}
    for f in fields.values():
        by_label.setdefault(norm(f.label), []).append(f.name)
    used: set[str] = set()
    out: list[str] = []
    form = ""
    pending: list[int] = []  # 'Survey Timestamp' columns waiting for the next field's form
    for i, col in enumerate(columns):
        s = squash(col)
        new = col
        choice = re.fullmatch(r"(.*) \(choice=(.*)\)", col.strip(), re.S)
        if i == 0:
            new = next(iter(fields))
        elif s in SPECIAL and SPECIAL[s]:
            new = SPECIAL[s]
        elif s == "complete":
            new = f"{form}_complete"
        elif s == "surveytimestamp":
            pending.append(i)
        elif choice:
            fname = next((n for n in by_label.get(norm(choice.group(1)), []) if fields[n].type == "checkbox"), None)
            code = next((c for c, lab in (fields[fname].choices.items() if fname else [])
                         if norm(lab) == norm(choice.group(2))), None)
            if fname and code is not None:
                new = f"{fname}___{code}"
        else:
            fname = next((n for n in by_label.get(norm(col), []) if n not in used), None)
            if fname:
                new = fname
        base = re.sub(r"___\w+$", "", new)
        if base in fields and fields[base].form:
            form = fields[base].form
            for j in pending:
                out[j] = f"{form}_timestamp"
            pending = []
        used.add(base)
        out.append(new)
    return out


def parse_redcap(data: bytes, name: str, dictionary: bytes | None, dictionary_name: str, report: Report,
                 mapping: Mapping | None = None) -> Frames:
    """A REDCap records export with its data dictionary (recommended), optionally through a mapping."""
    mapping = mapping or Mapping(name="(no mapping)")
    fields: dict[str, Field] = {}
    if dictionary is not None:
        fields = read_dictionary(dictionary, dictionary_name, report) or {}
    else:
        report.warning(name, None, None, "read without its data dictionary, so answers are taken as numbers and "
                                         "not checked against the choices; importing the data dictionary with it "
                                         "is recommended (Project Setup > Data Dictionary)")
    try:
        table = read_table(data, name)
    except ReadError as exc:
        report.error(name, None, None, str(exc))
        return empty_frames()
    if not [c for c in table.columns if c != "_row"]:
        report.error(name, None, None, "the file is empty")
        return empty_frames()
    columns = relabel([c for c in table.columns if c != "_row"], fields)
    rows: list[Row] = []
    raw_cols = [c for c in table.columns if c != "_row"]
    for rec in table.rows.to_dict("records"):
        cells = {new: ("" if rec.get(old) is None or rec.get(old) != rec.get(old) else str(rec[old]))
                 for new, old in zip(columns, raw_cols)}
        if any(v.strip() for v in cells.values()):
            rows.append((int(rec["_row"]), cells))
    plan = Plan(name=name, columns=columns, mapping=mapping, specs=[Spec(q) for q in mapping.questions],
                duplicated=set(table.renamed.values()))
    plan.who = {k: v for k, v in mapping.columns.items() if k not in ("respondent", "complete")}
    guessed = guess_who(columns)
    use_guessed_who(plan, guessed, rows, report)
    record = mapping.columns.get("respondent") or columns[0]
    plan.respondent = record
    check_columns(plan, report)
    record = plan.respondent or columns[0]
    plan.respondent = record
    _auto_items(plan, fields, record, report)
    for spec in plan.specs:
        _choices(spec, fields)
    _inherit_who(plan, rows, record)
    has = set(columns)
    keys = [c for c in ("redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance") if c in has]
    if keys:
        plan.respondent_of = lambda cells: " | ".join(
            [cells.get(record, "").strip()] + [cells.get(k, "").strip() for k in keys if cells.get(k, "").strip()])
    forms = {fields[_base(s.question.column)].form for s in plan.specs if _base(s.question.column) in fields}
    done_cols = [c for c in columns if c.endswith("_complete") and (not forms or c[:-9] in forms)]
    stamp_cols = [c for c in columns if c.endswith("_timestamp") and (not forms or c[:-10] in forms)]

    def complete(cells: dict[str, str]) -> bool:
        if any(cells.get(c, "").strip() == NOT_COMPLETED for c in stamp_cols):
            return False
        return all(norm(cells.get(c, "")) in ("", "2", "complete") for c in done_cols)

    plan.complete_of = complete
    return build(plan, rows, report)


def _base(column: str) -> str:
    return re.sub(r"___\w+$", "", column)


def _auto_items(plan: Plan, fields: dict[str, Field], record: str, report: Report) -> None:
    """Match unmapped fields to catalogue items by label or name; warn about the checkbox columns left out."""
    taken = {s.question.column for s in plan.specs} | set(plan.who.values()) | {record}
    items = {s.question.item_id for s in plan.specs}
    unmapped, boxes = [], []
    for col in plan.columns:
        if col in taken or col.startswith("redcap_") or col.endswith(("_complete", "_timestamp")) or not col:
            continue
        f = fields.get(_base(col))
        if f and f.type in ("descriptive", "file"):
            continue
        if "___" in col:
            boxes.append(col)
            continue
        item = guess_item(col, f.label if f else "")
        if item and item not in items:
            plan.specs.append(Spec(catalogue_question(col, item)))
            items.add(item)
        else:
            unmapped.append(col)
    if boxes:
        report.warning(plan.name, None, None, f"checkbox columns {', '.join(boxes[:12])}"
                                              f"{' ...' if len(boxes) > 12 else ''} are not imported; to keep "
                                              "one, map it in a mapping file as a new item of type \"yes_no\"")
    shown = ", ".join(repr(c) for c in unmapped[:15]) + (f" and {len(unmapped) - 15} more" if len(unmapped) > 15
                                                         else "")
    if not plan.specs:
        report.error(plan.name, None, None, "no field is a question of the catalogue (matched by its label): "
                                            f"map them with a mapping file (docs/MAPPING.md); fields: {shown}")
    elif unmapped:
        report.warning(plan.name, None, None, f"{len(unmapped)} field(s) are not imported (neither in the "
                                              f"mapping nor questions of the catalogue): {shown}")


def _choices(spec: Spec, fields: dict[str, Field]) -> None:
    """Attach the dictionary's choices (codes and labels accepted) to a spec."""
    col = spec.question.column
    f = fields.get(_base(col))
    if f is None:
        return
    spec.field_name = f.name
    if "___" in col and f.type == "checkbox":
        choices = {"1": "Checked", "0": "Unchecked"}
    elif f.choices:
        choices = f.choices
    else:
        return
    spec.choices = {norm(label): code for code, label in choices.items()}
    spec.choices.update({norm(code): code for code in choices})
    spec.choices_text = ", ".join(f"{code} ({label})" if label != code else code for code, label in choices.items())


def _inherit_who(plan: Plan, rows: list[Row], record: str) -> None:
    """Events and repeated instances hold only their own forms: fill program etc. from the record's other rows."""
    for col in plan.who.values():
        first: dict[str, str] = {}
        for _, cells in rows:
            val = cells.get(col, "").strip()
            if val:
                first.setdefault(cells.get(record, ""), val)
        for _, cells in rows:
            if not cells.get(col, "").strip() and cells.get(record, "") in first:
                cells[col] = first[cells.get(record, "")]
