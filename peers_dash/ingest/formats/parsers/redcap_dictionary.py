"""A REDCap data dictionary: what each field of a REDCap export is (its form, type, label and choices)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import ReadError, read_table
from peers_dash.ingest.survey.columns import squash

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


def base(column: str) -> str:
    """A REDCap checkbox column's field name ('race___2' -> 'race')."""
    return re.sub(r"___\w+$", "", column)
