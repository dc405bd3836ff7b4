"""Reading a survey mapping file (TOML) into a Mapping: every setting checked, and every problem reported with
the line of the mapping file it is on. The format is documented for program coordinators in docs/MAPPING.md.
"""
from __future__ import annotations

import difflib
import re
import tomllib

from peers_dash.ingest.problems import Report
from peers_dash.ingest.survey.mapping import (BUILTIN_VALUES, CATALOG, KINDS, WHO, YES_NO, Mapping, Question,
                                              catalogue_question, norm)
from peers_dash.model.catalog import short_name
from peers_dash.model.instruments import library_by_id

COLUMN_KEYS = ("respondent",) + WHO + ("complete",)
CONSTANT_KEYS = ("program", "cohort", "class_year")
TOP_KEYS = CONSTANT_KEYS + ("missing", "columns", "values", "question", "instrument", "translate", "programs")
INSTRUMENT_KEYS = ("id", "columns", "score", "values", "numbers_from")
PROGRAM_KINDS = ("md", "residency", "fellowship", "graduate")
QUESTION_KEYS = ("column", "item", "new_item", "values", "type", "text", "short_label", "construct", "scale",
                 "favourable", "favorable", "higher_is_better", "reverse_scored")


def _line_of(lines: list[str], pattern: str, start: int = 0) -> int | None:
    rx = re.compile(pattern)
    for i in range(start, len(lines)):
        if rx.search(lines[i]):
            return i + 1
    return None


def _section_line(lines: list[str], section: str, key: str) -> int | None:
    """The line of a [section.KEY] header (the key bare or quoted)."""
    return _line_of(lines, rf"^\s*\[\s*{section}\.\"?{re.escape(key)}\"?\s*\]")


def _sections(raw: object, section: str, shape: str, lines: list[str], name: str,
              report: Report) -> list[tuple[str, object, int | None]]:
    """(key, table, line) of each [section.KEY] of a mapping file; none, with an error, when `section` is not
    written as such sections (`shape` shows how: '[translate.NAME]')."""
    if not isinstance(raw, dict):
        report.error(name, _line_of(lines, rf"^\s*{section}\s*="), None, f"{section} must be {shape} sections")
        return []
    return [(key, table, _section_line(lines, section, key)) for key, table in raw.items()]


def _pair(value: object) -> tuple[float, float] | None:
    if (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        return float(value[0]), float(value[1])
    return None


def _recode(raw: object, where: str, name: str, line: int | None, report: Report) -> dict[str, float] | None:
    if not isinstance(raw, dict):
        return None
    out: dict[str, float] = {}
    for key, val in raw.items():
        if isinstance(val, bool) or not isinstance(val, (int, float)):
            report.error(name, line, None, f"{where}: the answer {key!r} must be given a number "
                                           f"(e.g. \"{key}\" = 1), not {val!r}")
            continue
        out[str(key)] = float(val)
    return out


def load_mapping(text: str, name: str, report: Report) -> Mapping | None:
    """Read a mapping file; every problem goes to the report (file = the mapping, row = its line)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        report.error(name, int(match.group(1)) if match else None, None,
                     f"this mapping file is not valid TOML ({exc}); check quotes, '=' signs and [brackets] "
                     "on that line")
        return None
    lines = text.splitlines()
    before = len(report.errors)
    mapping = Mapping(name=name)
    for key in data:
        if key not in TOP_KEYS:
            report.error(name, _line_of(lines, rf"^\s*\[?\s*{re.escape(key)}\b"), None,
                         f"unknown setting {key!r}; a mapping knows: {', '.join(TOP_KEYS)} "
                         "(settings such as program = ... must come before the first [section])")
    for key in CONSTANT_KEYS:
        if key in data:
            if isinstance(data[key], (str, int)) and not isinstance(data[key], bool):
                setattr(mapping, key, str(data[key]).strip())
            else:
                report.error(name, _line_of(lines, rf"^\s*{key}\s*="), None,
                             f"{key} must be a text in quotes, e.g. {key} = \"MD\"")
    missing = data.get("missing", [])
    if not isinstance(missing, list):
        missing = [missing]
    mapping.missing = [str(m) for m in missing]
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        report.error(name, _line_of(lines, r"^\s*columns\s*="), None, "columns must be a [columns] section")
        columns = {}
    for key, col in columns.items():
        line = _line_of(lines, rf"^\s*\"?{re.escape(key)}\"?\s*=")
        if key not in COLUMN_KEYS:
            report.error(name, line, None, f"unknown entry {key!r} in [columns]; it knows: {', '.join(COLUMN_KEYS)}")
        elif not isinstance(col, str) or not col.strip():
            report.error(name, line, None, f"[columns] {key} must be a column name in quotes")
        else:
            mapping.columns[key] = col.strip()
    shared: dict[str, dict[str, float]] = dict(BUILTIN_VALUES)
    raw_values = data.get("values", {})
    for vname, table in (raw_values.items() if isinstance(raw_values, dict) else []):
        line = _section_line(lines, "values", vname)
        recode = _recode(table, f"[values.{vname}]", name, line, report)
        if recode is None:
            report.error(name, line, None, f"[values.{vname}] must list answers and their numbers, "
                                           "e.g. \"Agree\" = 4")
        else:
            shared[vname] = recode
    _translations(data.get("translate", {}), mapping, lines, name, report)
    _programs(data.get("programs", {}), mapping, lines, name, report)
    questions = data.get("question", [])
    if not isinstance(questions, list):
        report.error(name, None, None, "questions must be written as [[question]] blocks")
        questions = []
    q_lines = [i + 1 for i, ln in enumerate(lines) if re.match(r"^\s*\[\[\s*question\s*\]\]", ln)]
    parsed = [_question(raw, q_lines[n] if n < len(q_lines) else None, shared, name, report)
              for n, raw in enumerate(questions)]
    blocks = data.get("instrument", [])
    if not isinstance(blocks, list):
        report.error(name, None, None, "instruments must be written as [[instrument]] blocks")
        blocks = []
    i_lines = [i + 1 for i, ln in enumerate(lines) if re.match(r"^\s*\[\[\s*instrument\s*\]\]", ln)]
    for n, raw in enumerate(blocks):
        parsed.extend(_instrument(raw, i_lines[n] if n < len(i_lines) else None, shared, name, report) or [])
    seen_cols: dict[str, int | None] = {}
    seen_items: dict[str, int | None] = {}
    for q in parsed:
        if q is None:
            continue
        line = q.line
        if q.column in seen_cols:
            report.error(name, line, None, f"column {q.column!r} is mapped twice (also at line {seen_cols[q.column]})")
            continue
        if q.item_id in seen_items:
            report.error(name, line, None, f"item {q.item_id!r} is given to two columns (also at line "
                                           f"{seen_items[q.item_id]}); each item can come from one column")
            continue
        seen_cols[q.column] = line
        seen_items[q.item_id] = line
        mapping.questions.append(q)
    return mapping if len(report.errors) == before else None


def _question(raw: object, line: int | None, shared: dict[str, dict[str, float]], name: str,
              report: Report) -> Question | None:
    """One [[question]] block checked, or None (with errors reported)."""
    where = f"the [[question]] at line {line}" if line else "a [[question]]"
    if not isinstance(raw, dict):
        report.error(name, line, None, f"{where} must be a block of settings")
        return None
    ok = True

    def bad(message: str) -> None:
        nonlocal ok
        ok = False
        report.error(name, line, None, f"{where}: {message}")

    for key in raw:
        if key not in QUESTION_KEYS:
            bad(f"unknown setting {key!r}; a question knows: {', '.join(QUESTION_KEYS)}")
    column = raw.get("column")
    if not isinstance(column, str) or not column.strip():
        bad("says no column: add column = \"the column's name in the file\"")
        column = ""
    values = raw.get("values")
    recode: dict[str, float] | None = None
    if isinstance(values, str):
        if values not in shared:
            bad(f"values = {values!r} is not defined; define [values.{values}] or use one of: "
                f"{', '.join(sorted(shared))}")
        else:
            recode = shared[values]
    elif values is not None:
        recode = _recode(values, where, name, line, report)
        if recode is None:
            bad("values must be the name of a [values.NAME] section or a list like { \"Yes\" = 1, \"No\" = 0 }")
    item, new = raw.get("item"), raw.get("new_item")
    if (item is None) == (new is None):
        bad("needs either item = \"<catalogue item id>\" or new_item = \"<a new id>\" (one of the two)")
        return None
    if item is not None:
        if item not in CATALOG:
            close = difflib.get_close_matches(str(item), list(CATALOG), n=3, cutoff=0.5)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            bad(f"{item!r} is not a catalogue item id{hint}; the catalogue has: {', '.join(CATALOG)}; "
                "for another question use new_item = ... with its text, construct and scale")
            return None
        extra = [k for k in ("type", "text", "construct", "scale", "favourable", "favorable", "higher_is_better",
                             "reverse_scored", "short_label") if k in raw]
        if extra:
            bad(f"{', '.join(extra)} cannot be changed for the catalogue item {item!r}; use new_item instead")
        if not ok:
            return None
        q = catalogue_question(column.strip(), item, recode)
        q.line = line
        return q
    if not isinstance(new, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.-]*", new):
        bad(f"new_item = {new!r} must be a short id of letters, digits and _ (e.g. \"sleep_quality\")")
        return None
    if new in CATALOG:
        bad(f"new_item {new!r} is already a catalogue item: write item = {new!r} instead")
        return None
    kind = raw.get("type", "scale")
    if kind not in KINDS:
        bad(f"type = {kind!r} is not known; use one of {', '.join(KINDS)}")
        return None
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        bad("a new item needs its question text: text = \"...\"")
    construct = raw.get("construct")
    if not isinstance(construct, str) or not construct.strip():
        bad("a new item needs construct = \"...\" (what it measures, e.g. \"stress\" or \"community\")")
    q = Question(column=column.strip(), item_id=new, catalogue=False, kind=kind,
                 text=str(text or "").strip(), construct=str(construct or "").strip(),
                 instrument="custom", reverse_scored=bool(raw.get("reverse_scored", False)),
                 line=line)
    q.short_label = str(raw.get("short_label") or q.text[:60])
    if kind == "yes_no":
        q.scale_min, q.scale_max = 0.0, 1.0
        q.values = recode if recode is not None else dict(YES_NO)
    elif kind in ("scale", "score"):
        scale = _pair(raw.get("scale"))
        if scale is None or scale[0] >= scale[1]:
            bad("a new item needs its scale as the lowest and highest answer, e.g. scale = [1, 5]")
        else:
            q.scale_min, q.scale_max = scale
        q.values = recode
    if kind != "text":
        hib = raw.get("higher_is_better")
        if not isinstance(hib, bool):
            bad("say whether a higher answer is better: higher_is_better = true (support, community) or "
                "false (stress, loneliness, burnout)")
        q.higher_is_better = hib if isinstance(hib, bool) else None
        fav_raw = raw.get("favourable", raw.get("favorable"))
        if fav_raw is not None:
            fav = _pair(fav_raw)
            if fav is None or fav[0] > fav[1] or (q.scale_min is not None and (
                    fav[0] < q.scale_min or fav[1] > q.scale_max)):
                bad("favourable must be the lowest and highest favourable answer within the scale, "
                    "e.g. favourable = [4, 5]")
            else:
                q.favorable_min, q.favorable_max = fav
    return q if ok else None


def _instrument(raw: object, line: int | None, shared: dict[str, dict[str, float]], name: str,
                report: Report) -> list[Question] | None:
    """One [[instrument]] block: a library instrument's item columns in order, or the column of its total."""
    where = f"the [[instrument]] at line {line}" if line else "an [[instrument]]"
    if not isinstance(raw, dict):
        report.error(name, line, None, f"{where} must be a block of settings")
        return None
    library = library_by_id()
    problems = [f"unknown setting {k!r}; an instrument knows: {', '.join(INSTRUMENT_KEYS)}"
                for k in raw if k not in INSTRUMENT_KEYS]
    iid = raw.get("id")
    inst = library.get(iid) if isinstance(iid, str) else None
    if inst is None:
        close = difflib.get_close_matches(str(iid), list(library), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        problems.append(f"id = {iid!r} is not an instrument of the library{hint}; it has: {', '.join(library)}. "
                        "For questions of your own, use [[question]] blocks with new_item")
    columns, score = raw.get("columns"), raw.get("score")
    if inst is not None:
        n_items = len(inst["items"])
        if (columns is None) == (score is None):
            problems.append("give either columns = [...] (the columns of its items, in order) or score = \"...\" "
                            "(the column of a total your survey tool computed), one of the two"
                            if n_items else f"{iid} is scored from its total only: give score = \"<column>\"")
        elif columns is not None and (not isinstance(columns, list) or len(columns) != n_items
                                      or not all(isinstance(c, str) and c.strip() for c in columns)):
            problems.append(f"columns must list the {n_items} columns of {short_name(inst)}'s items in order "
                            f"(found {len(columns) if isinstance(columns, list) else 'no list'})"
                            if n_items else f"{iid} has no items to map (its item text is licensed): give "
                                            "score = \"<column>\" for the total")
        elif score is not None and (not isinstance(score, str) or not score.strip()):
            problems.append("score must be a column name in quotes")
    values, start = raw.get("values"), raw.get("numbers_from")
    recode: dict[str, float] = {}
    if isinstance(values, str):
        if values not in shared:
            problems.append(f"values = {values!r} is not defined; define [values.{values}] or use one of: "
                            f"{', '.join(sorted(shared))}")
        else:
            recode = dict(shared[values])
    elif values is not None:
        recode = _recode(values, where, name, line, report) or {}
    if start is not None:
        if isinstance(start, bool) or not isinstance(start, int):
            problems.append("numbers_from must be a whole number, e.g. numbers_from = 1")
        elif inst is not None and inst["answer_min"] is not None:
            lo, hi = inst["answer_min"], inst["answer_max"]
            recode.update({str(start + k): float(lo + k) for k in range(int(hi - lo) + 1)})
    for message in problems:
        report.error(name, line, None, f"{where}: {message}")
    if problems or inst is None:
        return None
    if score is not None:
        q = catalogue_question(score.strip(), f"{iid}_total")
        q.line = line
        return [q]
    lo, hi, labels = inst["answer_min"], inst["answer_max"], inst["answer_labels"]
    hint = (f"{short_name(inst)} answers run from {lo} ({labels[0]!r}) to {hi} ({labels[-1]!r}); if your survey "
            f"numbered them from 1, add numbers_from = 1 to the [[instrument]] block at line {line}")
    out = []
    for pos, col in enumerate(columns, start=1):
        q = catalogue_question(col.strip(), f"{iid}_{pos}", recode or None)
        q.line, q.hint = line, hint
        out.append(q)
    return out


def _translations(raw: object, mapping: Mapping, lines: list[str], name: str, report: Report) -> None:
    """[translate.program], [translate.cohort], [translate.class_year]: a value as written -> the value meant."""
    for key, table, line in _sections(raw, "translate", "[translate.NAME]", lines, name, report):
        if key not in CONSTANT_KEYS:
            report.error(name, line, None, f"[translate.{key}]: only {', '.join(CONSTANT_KEYS)} can be translated")
        elif not isinstance(table, dict) or not all(isinstance(v, (str, int)) and not isinstance(v, bool)
                                                    for v in table.values()):
            report.error(name, line, None, f"[translate.{key}] must list values and what they mean, e.g. "
                                           "\"Year 1\" = \"MS1\"")
        else:
            mapping.translate[key] = {norm(k): str(v).strip() for k, v in table.items()}


def _programs(raw: object, mapping: Mapping, lines: list[str], name: str, report: Report) -> None:
    """[programs."NAME"]: what a program the import creates is (kind, years, first class year)."""
    for program, spec, line in _sections(raw, "programs", '[programs."NAME"]', lines, name, report):
        where = f"[programs.{toml_key(program)}]"
        if not isinstance(spec, dict):
            report.error(name, line, None, f"{where} must say kind = ... and years = ...")
            continue
        kind, years, first = spec.get("kind"), spec.get("years"), spec.get("first_class_year", 1)
        bad = [k for k in spec if k not in ("kind", "years", "first_class_year")]
        if bad:
            report.error(name, line, None, f"{where}: unknown setting {bad[0]!r}; it knows kind, years, "
                                           "first_class_year")
        elif kind not in PROGRAM_KINDS:
            report.error(name, line, None, f"{where}: kind = {kind!r} must be one of {', '.join(PROGRAM_KINDS)}")
        elif isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 8:
            report.error(name, line, None, f"{where}: years must be the length of training, 1 to 8 (e.g. years = 6)")
        elif isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= 8:
            report.error(name, line, None, f"{where}: first_class_year must be 1 to 8 (a fellowship's may be 4)")
        else:
            mapping.programs[norm(program)] = dict(kind=kind, years=years, first_class_year=first)


def quoted(text: str) -> str:
    """Text as a quoted TOML string (backslashes and quotes escaped), as a message shows it to write."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_key(text: str) -> str:
    """A TOML key: bare where it can be, else quoted."""
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else quoted(text)
