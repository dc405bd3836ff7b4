"""Write a starting mapping file for a survey export, for a person to check.

The suggestion never proposes a column that identifies people as a question and never copies an answer (nor a
number) from the file: it is written from column names, question texts, the instrument library, the catalogue and
a REDCap data dictionary only. A file of known questions gets a mapping that imports as it is.
"""
from __future__ import annotations

import re
import textwrap

from peers_dash.ingest.formats.parsers.redcap_dictionary import base
from peers_dash.ingest.read import Table
from peers_dash.ingest.suggest.source import Source, answer_kind, identifying_content, identifying_name, read_source
from peers_dash.ingest.survey.columns import (candidates, class_year_by_text, family_total, guess_who,
                                              is_qualtrics_meta, prefer, total_of)
from peers_dash.ingest.survey.mapping import CATALOG, norm
from peers_dash.model.catalog import resolve_shared_items, short_name
from peers_dash.model.instruments import LIBRARY, library_by_id


def _note(line: str, note: str) -> str:
    """A line with a note after it, the notes of a block aligned."""
    return f"{line:<34}# {note}"


_HIB = _note("# higher_is_better = ?", "true (support, community) or false (stress, loneliness, burnout)")
_CONSTRUCT = _note('# construct = "..."', "what it measures: stress, community, coping skills ...")
_TEXT = _note('# type = "text"', 'kept as written, shown only with construct = "comments"')


def toml_str(text: str) -> str:
    """A TOML basic string for any text."""
    out = []
    for ch in str(text):
        if ch in "\\\"":
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _comment(text: str, limit: int = 120) -> str:
    clean = "".join(ch if ord(ch) >= 0x20 and ord(ch) != 0x7F else " " for ch in str(text))
    return " ".join(clean.split())[:limit]


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _inline(values: dict[str, float]) -> str:
    seen: set[str] = set()
    pairs = []
    for label, x in values.items():
        if norm(label) not in seen:
            seen.add(norm(label))
            pairs.append(f"{toml_str(label)} = {_num(x)}")
    return "{ " + ", ".join(pairs) + " }"


def _tool_column(col: str, src: Source) -> bool:
    """Columns the survey tool adds (Qualtrics' dates, status, location ...; REDCap's own fields)."""
    if src.kind == "qualtrics" and is_qualtrics_meta(col):
        return True
    return col.startswith("redcap_") or col.endswith(("_complete", "_timestamp"))


def _codes(cols: list[str], src: Source) -> list[float] | None:
    """The numeric choice codes the data dictionary gives these columns, or None."""
    codes: list[float] = []
    for col in cols:
        f = src.fields.get(base(col))
        if f is None or not f.choices or not all(re.fullmatch(r"-?\d+", c) for c in f.choices):
            return None
        codes += [float(c) for c in f.choices]
    return codes


def _instrument(iid: str, cols: list[str], src: Source) -> list[str]:
    inst = library_by_id()[iid]
    lo, hi, labels = inst["answer_min"], inst["answer_max"], inst["answer_labels"]
    out = [_note("[[instrument]]", f"{_comment(inst['name'])}: all {len(cols)} questions found"),
           f"id = {toml_str(iid)}", "columns = ["] + [f"    {toml_str(c)}," for c in cols] + ["]"]
    codes = _codes(cols, src)
    if codes and min(codes) != lo and max(codes) - min(codes) == hi - lo:
        out.append(_note(f"numbers_from = {_num(min(codes))}", "the data dictionary codes the answers from "
                         f"{_num(min(codes))}"))
    elif codes is None:
        out += [f"# {short_name(inst)} answers run from {lo} ({toml_str(labels[0])}) to {hi} "
                f"({toml_str(labels[-1])}), as numbers or words.",
                f"# If this file numbers them from {int(lo == 0)} instead, add: numbers_from = {int(lo == 0)}"]
    elif max(codes) - min(codes) != hi - lo:
        out.append(f"# Check the data dictionary's codes: {short_name(inst)} has {hi - lo + 1} answers, {lo} to {hi}.")
    return out


def _total(iid: str, col: str, scored: bool) -> list[str]:
    inst = library_by_id()[iid]
    lines = ["[[instrument]]", f"id = {toml_str(iid)}", f"score = {toml_str(col)}"]
    if scored:
        return ([f"# {_comment(col)}: the total of {short_name(inst)}, which the dashboard computes from its "
                 "questions; not needed"] + ["# " + x for x in lines])
    return [_note(lines[0], f"{short_name(inst)} total ({inst['score_min']}-{inst['score_max']}), computed by the "
                  "survey tool")] + lines[1:]


def _slug(col: str, used: set[str]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", col.casefold()).strip("_")[:40] or "item"
    slug = slug if re.match(r"[a-z]", slug) else "q_" + slug
    while slug in CATALOG or slug in used:
        slug += "_new"
    used.add(slug)
    return slug


def _new(col: str, src: Source, used: set[str]) -> list[str]:
    """A commented-out new item: its kind and scale from the data dictionary or a standard wording, else '?'."""
    question = src.texts.get(col, "")
    f = src.fields.get(base(col))
    text = question or col
    if f is not None and "___" in col and f.type == "checkbox":
        code = col.rsplit("___", 1)[1]
        text = f"{f.label}: {f.choices.get(code, code)}"
    lines = [f"# {_comment(col, 60)}: not a question the dashboard knows. To import it, remove the # signs and "
             "fill in the ?", "# [[question]]", f"# column = {toml_str(col)}",
             f"# new_item = {toml_str(_slug(col, used))}", f"# text = {toml_str(_comment(text, 200))}", _CONSTRUCT]
    if f is not None:
        numeric = f.choices and all(re.fullmatch(r"-?\d+", c) for c in f.choices)
        if f.type == "checkbox" or f.type in ("yesno", "truefalse"):
            return lines + ["# type = \"yes_no\"", _HIB]
        if f.type in ("radio", "dropdown") and numeric:
            codes = [float(c) for c in f.choices]
            return lines + [f"# values = {_inline({label: float(c) for c, label in f.choices.items()})}",
                            _note(f"# scale = [{_num(min(codes))}, {_num(max(codes))}]", "from the data dictionary"),
                            _HIB]
        if f.type == "slider":
            return lines + ["# scale = [0, 100]", _HIB]
        if f.type == "calc":
            return lines + ["# type = \"score\"", _note("# scale = [?, ?]", "the lowest and highest score"), _HIB]
        return lines + [_TEXT]
    kind, name, values = answer_kind(src.cells.get(col, []))
    if kind == "yes_no":
        return lines + ["# type = \"yes_no\"", _HIB]
    if kind.startswith("list"):
        if kind == "list_partly":
            lines.append("# Some answers are worded otherwise than this list: add them to it, or to missing.")
        lines.append(f"# values = {toml_str(name) if name else _inline(values)}")
        return lines + [f"# scale = [{_num(min(values.values()))}, {_num(max(values.values()))}]", _HIB]
    if kind == "text":
        return lines + [_TEXT]
    family = family_total(col)
    if family:
        names = " or ".join(short_name(library_by_id()[i]) for i in family)
        lines[1:1] = [f"# If it is the total of {names}, map it with an [[instrument]] block instead, with",
                      f"# id = {' or '.join(toml_str(i) for i in family)} and score = {toml_str(col)}"]
    return lines + [_note("# scale = [?, ?]", 'the lowest and highest answer (type = "score" for a total)'), _HIB]


def _read_as(src: Source) -> str:
    if src.kind == "qualtrics":
        return {3: "a Qualtrics export (3 header rows): its columns are named as in its first row",
                2: "a legacy Qualtrics export (2 header rows): its V1, V2 ... columns are named by the second row"}.get(
            src.header_rows, "a Qualtrics export with one header row")
    if src.kind == "redcap":
        return "a REDCap export" + (" with its data dictionary" if src.fields else
                                    " without its data dictionary (give it to get the choices)")
    return "a table with one row per respondent"


def suggest_mapping(table: Table, dictionary: object = None, *, program: str = "") -> str:
    """A starting TOML mapping from a file's columns (and a REDCap data dictionary), for a person to check."""
    src = read_source(table, dictionary)
    cols = src.columns
    who = guess_who(cols)
    if src.kind == "redcap" and cols and "respondent" not in who and cols[0] not in who.values():
        who = {"respondent": cols[0], **who}
    if "class_year" not in who:
        year = class_year_by_text(cols, src.texts, set(who.values()))
        if year:
            who["class_year"] = year
    hidden: list[str] = []  # columns that identify people
    tool, left = 0, []
    for col in cols:
        f = src.fields.get(base(col))
        if col in who.values() or not col.strip() or (f is not None and f.type == "descriptive"):
            continue
        if _tool_column(col, src):
            tool += 1
            continue
        if (base(col) in src.flagged or (f is not None and f.type == "file") or identifying_name(col)
                or identifying_name(src.texts.get(col, "")) or identifying_content(src.cells.get(col, []))):
            hidden.append(col)
        else:
            left.append(col)
    blocks = _questions(left, src)
    out = [f"# Mapping for {_comment(table.name)}: suggested by the dashboard from the file's column names and",
           "# question texts, never its answers. Check every line, then import the file with it. Lines starting",
           "# with # are ignored. See docs/MAPPING.md.", f"# Read as {_read_as(src)}.", ""]
    if program:
        out += [f"program = {toml_str(program)}", ""]
    elif not any(k in who for k in ("program", "cohort", "class_year")):
        out += ["# No column seems to give the program, cohort or class year: set them for the whole file.",
                "# program = \"MD\"", "# class_year = \"MS2\"", ""]
    elif "program" not in who:
        out += ["# No column seems to give the program: set it for the whole file (the dashboard needs it).",
                "# program = \"MD\"", ""]
    out += ["[columns]"] + [f"{key} = {toml_str(col)}" for key, col in who.items()]
    if not who:
        out.append("# respondent = \"Response ID\"")
    out.append("")
    if hidden:
        names = ", ".join(_comment(c, 40) for c in hidden[:20]) + (" ..." if len(hidden) > 20 else "")
        what = "columns that identify" if len(hidden) > 1 else "column that identifies"
        out += ["# " + line for line in textwrap.wrap(f"Left out: {len(hidden)} {what} people ({names}). They are "
                                                      "never imported; do not map them.", 110)]
    if tool:
        what = {"qualtrics": "Qualtrics adds (dates, status, progress, location ...)",
                "redcap": "REDCap adds (events, timestamps, form status)"}.get(src.kind, "the survey tool adds")
        out.append(f"# Not read: {tool} column{'s' if tool > 1 else ''} {what}.")
    if hidden or tool:
        out.append("")
    for _, lines in sorted(blocks, key=lambda b: b[0]):
        out += lines + [""]
    if "class_year" in who:
        out += _class_year_note(who["class_year"])
    elif program and "cohort" not in who:
        out += [f"# If {_comment(program, 60)} is new to the dashboard, say what it is:",
                f"# [programs.{toml_str(program)}]", _note('# kind = "md"', "md, residency, fellowship or graduate"),
                "# years = 4", "# and set class_year = \"...\" above if the whole file is one class year.", ""]
    return "\n".join(out)


def _questions(left: list[str], src: Source) -> list[tuple[int, list[str]]]:
    """(position, lines) of each block: library instruments complete in the file, their totals, catalogue items,
    and commented-out new items."""
    order = {c: i for i, c in enumerate(left)}
    cands: dict[str, list[str]] = {}
    weak: set[str] = set()
    for col in left:
        hits, is_weak = candidates(col, src.texts.get(col, ""))
        cands[col] = [h for h in hits if not h.endswith("_total")]
        if is_weak:
            weak.add(col)
    blocks: list[tuple[int, list[str]]] = []
    taken: dict[str, str] = {}  # item id -> column
    done: dict[str, str] = {}  # column -> what it became
    for inst in sorted((i for i in LIBRARY if i["items"]), key=lambda i: -len(i["items"])):
        iid, chosen = inst["instrument_id"], []
        for pos in range(1, len(inst["items"]) + 1):
            col = next((c for c in left if c not in done and c not in chosen and f"{iid}_{pos}" in cands[c]), None)
            if col is None:
                break
            chosen.append(col)
        else:
            done.update({c: iid for c in chosen})
            taken.update({f"{iid}_{p}": c for p, c in enumerate(chosen, start=1)})
            blocks.append((order[chosen[0]], _instrument(iid, chosen, src)))
    used: set[str] = set()
    shared = resolve_shared_items({c: prefer(cands[c]) for c in left if c not in done and c not in weak and cands[c]})
    for col in left:
        if col in done:
            continue
        free = [h for h in cands[col] if h not in taken]
        free = [shared[col]] if shared.get(col) in free else free  # as the importer itself gives shared questions
        iid = total_of(col, src.texts.get(col, "")) if (col in weak or not cands[col]) else ""
        if iid and f"{iid}_total" not in taken:
            taken[f"{iid}_total"] = col
            blocks.append((order[col], _total(iid, col, f"{iid}_1" in taken)))
        elif free and col not in weak:
            item = prefer(free)
            taken[item] = col
            inst = CATALOG[item]["instrument_id"]
            lines = ["[[question]]", f"column = {toml_str(col)}",
                     _note(f"item = {toml_str(item)}", _comment(CATALOG[item]['item_text'], 80))]
            if inst in library_by_id():
                n = len(library_by_id()[inst]["items"])
                lines.insert(0, f"# Only some of the {n} questions of {short_name(library_by_id()[inst])} were "
                                "found: its answers are kept, but it is not scored.")
            blocks.append((order[col], lines))
        elif cands[col] and col not in weak:
            blocks.append((order[col], [f"# {_comment(col, 60)} looks like {prefer(cands[col])}, which column "
                                        f"{_comment(taken.get(prefer(cands[col]), ''), 60)} holds already"]))
        else:
            blocks.append((order[col], _new(col, src, used)))
    return blocks


def _class_year_note(col: str) -> list[str]:
    return ["# Class years are MS1, MS2 ... (MD), PGY1, PGY2 ... (residency, fellowship) or G1, G2 ... (graduate).",
            f"# If the column {toml_str(_comment(col, 60))} writes them otherwise, say what each of its values "
            "means, e.g.:",
            "# [translate.class_year]", "# \"Year 1\" = \"MS1\"", "# \"Year 2\" = \"MS2\"",
            "# A program the import creates is taken as 4 years long (MD) or 3 (residency); for another length, or",
            "# to say what kind it is, describe it:", "# [programs.\"NAME\"]",
            _note('# kind = "md"', "md, residency, fellowship or graduate"), "# years = 6", ""]
