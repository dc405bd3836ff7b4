"""REDCap records export (raw codes or labels) with its data dictionary (redcap_dictionary) -> the canonical
survey frames."""
from __future__ import annotations

import re

from peers_dash.ingest.formats.parsers.redcap_dictionary import Field, base, read_dictionary
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import ReadError, read_table
from peers_dash.ingest.survey.columns import guess_item, guess_who, squash
from peers_dash.ingest.survey.engine import (Frames, Plan, Row, Spec, build, check_columns, empty_frames, listed,
                                             plan_from_mapping, table_rows, use_guessed_who)
from peers_dash.ingest.survey.mapping import Mapping, catalogue_question, norm

NOT_COMPLETED = "[not completed]"
SPECIAL = {"eventname": "redcap_event_name", "repeatinstrument": "redcap_repeat_instrument",
           "repeatinstance": "redcap_repeat_instance", "surveyidentifier": "redcap_survey_identifier",
           "dataaccessgroup": "redcap_data_access_group", "recordid": None}


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
        stem = base(new)
        if stem in fields and fields[stem].form:
            form = fields[stem].form
            for j in pending:
                out[j] = f"{form}_timestamp"
            pending = []
        used.add(stem)
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
    rows = table_rows(table, columns)
    plan = plan_from_mapping(name, columns, mapping)  # its respondent and completeness are REDCap's, below
    plan.duplicated = set(table.renamed.values())
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
    forms = {fields[base(s.question.column)].form for s in plan.specs if base(s.question.column) in fields}
    done_cols = [c for c in columns if c.endswith("_complete") and (not forms or c[:-9] in forms)]
    stamp_cols = [c for c in columns if c.endswith("_timestamp") and (not forms or c[:-10] in forms)]

    def complete(cells: dict[str, str]) -> bool:
        if any(cells.get(c, "").strip() == NOT_COMPLETED for c in stamp_cols):
            return False
        return all(norm(cells.get(c, "")) in ("", "2", "complete") for c in done_cols)

    plan.complete_of = complete
    return build(plan, rows, report)


def _auto_items(plan: Plan, fields: dict[str, Field], record: str, report: Report) -> None:
    """Match unmapped fields to catalogue items by label or name; warn about the checkbox columns left out."""
    taken = {s.question.column for s in plan.specs} | set(plan.who.values()) | {record}
    items = {s.question.item_id for s in plan.specs}
    unmapped, boxes = [], []
    for col in plan.columns:
        if col in taken or col.startswith("redcap_") or col.endswith(("_complete", "_timestamp")) or not col:
            continue
        f = fields.get(base(col))
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
    shown = listed(unmapped, 15)
    if not plan.specs:
        report.error(plan.name, None, None, "no field is a question of the catalogue (matched by its label): "
                                            f"map them with a mapping file (docs/MAPPING.md); fields: {shown}")
    elif unmapped:
        report.warning(plan.name, None, None, f"{len(unmapped)} field(s) are not imported (neither in the "
                                              f"mapping nor questions of the catalogue): {shown}")


def _choices(spec: Spec, fields: dict[str, Field]) -> None:
    """Attach the dictionary's choices (codes and labels accepted) to a spec."""
    col = spec.question.column
    f = fields.get(base(col))
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
