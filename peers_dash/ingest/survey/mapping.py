"""A survey mapping: which columns say who answered and which hold which question (a catalogue item or a new
one the mapping defines). Read from a mapping file (TOML) by mapping_file; the format is documented for program
coordinators in docs/MAPPING.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from peers_dash.model.catalog import AGREE_5, FREQUENCY_0_4, ITEMS, MBI_0_6, UCLA_1_3

CATALOG: dict[str, dict] = {item["item_id"]: item for item in ITEMS}
WHO = ("program", "cohort", "class_year", "email", "roster_id")  # what places a response
KINDS = ("scale", "yes_no", "text", "score")
YES_NO = {"Yes": 1.0, "No": 0.0, "Y": 1.0, "N": 0.0, "True": 1.0, "False": 0.0, "Checked": 1.0,
          "Unchecked": 0.0}


def norm(text: str) -> str:
    """Text compared case- and space-insensitively ('  Strongly  Agree' == 'strongly agree')."""
    return " ".join(str(text).split()).casefold()


def _labels(labels: list[str], start: int) -> dict[str, float]:
    return {label: float(start + i) for i, label in enumerate(labels)}


BUILTIN_VALUES: dict[str, dict[str, float]] = {
    "agree_5": _labels(AGREE_5, 1),
    "frequency_0_4": _labels(FREQUENCY_0_4, 0),
    "ucla_1_3": _labels(UCLA_1_3, 1),
    "mbi_0_6": _labels(MBI_0_6, 0),
    "yes_no": dict(YES_NO),
}


@dataclass
class Question:
    """One mapped column: a catalogue item, or a new item the mapping defines."""

    column: str
    item_id: str
    catalogue: bool = True
    kind: str = "scale"  # scale, yes_no, text or score (a total computed by the survey tool)
    text: str = ""
    short_label: str = ""
    construct: str = ""
    scale_min: float | None = None
    scale_max: float | None = None
    favorable_min: float | None = None
    favorable_max: float | None = None
    higher_is_better: bool | None = None
    reverse_scored: bool = False
    instrument: str = "custom"
    values: dict[str, float] | None = None  # recode: answer as written -> number (compared with norm())
    line: int | None = None  # line of the mapping file where the question is defined
    hint: str = ""  # added to an out-of-scale message (e.g. how to say the survey numbered answers from 1)


@dataclass
class Mapping:
    """What a survey file's columns mean. Every field is optional; Mapping(program='MD') is a valid one."""

    name: str = "mapping"
    program: str = ""
    cohort: str = ""
    class_year: str = ""
    missing: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # respondent, program, ..., complete -> column
    questions: list[Question] = field(default_factory=list)
    translate: dict[str, dict[str, str]] = field(default_factory=dict)  # program/cohort/class_year: norm -> value
    programs: dict[str, dict] = field(default_factory=dict)  # norm(program name) -> kind, years, first_class_year


def catalogue_question(column: str, item_id: str, values: dict[str, float] | None = None) -> Question:
    """A Question for a catalogue item, with its scale and (unless given) its labels as recode."""
    item = CATALOG[item_id]
    kind = "score" if item.get("is_total") else item["response_type"]
    labels = item.get("scale_labels")
    recode = {**(_labels(labels, item["scale_min"]) if labels else {}), **(values or {})} or None
    return Question(column=column, item_id=item_id, catalogue=True, kind=kind, text=item["item_text"],
                    short_label=item["short_label"], construct=item["construct"],
                    scale_min=item["scale_min"], scale_max=item["scale_max"],
                    favorable_min=item["favorable_min"], favorable_max=item["favorable_max"],
                    higher_is_better=item["higher_is_better"], reverse_scored=item["reverse_scored"],
                    instrument=item["instrument_id"], values=recode)
