"""Guess what a survey file's columns are, and write a starting mapping file for a person to edit."""
from __future__ import annotations

import re

from peers_dash.ingest.readers import Table
from peers_dash.ingest.survey_mapping import BUILTIN_VALUES, CATALOG, YES_NO, norm

_WHO_NAMES = {
    "respondent": ["responseid", "respondent", "respondentid", "response", "recordid", "id", "surveyid"],
    "program": ["program", "programme", "programname", "trainingprogram", "residencyprogram"],
    "cohort": ["cohort", "classof", "graduationyear", "gradyear", "graduatingclass", "expectedgraduation",
               "cohortname"],
    "class_year": ["classyear", "yearoftraining", "trainingyear", "pgy", "pgylevel", "msyear", "year",
                   "yearinschool", "currentyear", "level"],
    "email": ["email", "emailaddress", "recipientemail", "e-mail"],
    "roster_id": ["rosterid", "studentid", "externalreference", "externaldatareference", "traineeid",
                  "employeeid"],
}
QUALTRICS_META = {
    "startdate", "enddate", "status", "ipaddress", "progress", "durationinseconds", "duration", "finished",
    "recordeddate", "responseid", "recipientlastname", "recipientfirstname", "recipientemail",
    "externalreference", "locationlatitude", "locationlongitude", "distributionchannel", "userlanguage",
    "responseset", "name", "externaldatareference", "emailaddress", "locationaccuracy",
}


def squash(text: str) -> str:
    """A name with only its letters and digits, lower case ('Class Year' -> 'classyear')."""
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def is_qualtrics_meta(column: str) -> bool:
    """True for Qualtrics' own columns (dates, status, IP address, ...), not questions."""
    return squash(column) in QUALTRICS_META or bool(re.match(r"^Q_[A-Z]", column))


def guess_who(columns: list[str]) -> dict[str, str]:
    """The columns that look like the respondent id, program, cohort, class year, e-mail and roster id."""
    out: dict[str, str] = {}
    for key, names in _WHO_NAMES.items():
        for wanted in names:
            hit = next((c for c in columns if squash(c) == squash(wanted) and c not in out.values()), None)
            if hit:
                out[key] = hit
                break
    return out


def guess_item(column: str, question: str = "") -> str | None:
    """The catalogue item a column holds, from its question text or its name ('PSS 2' -> pss4_2)."""
    for text in (question, column):
        if not text:
            continue
        t = norm(text)
        for item_id, item in CATALOG.items():
            it = norm(item["item_text"])
            if t == it or t.endswith(" - " + it) or t == norm(item["short_label"]):
                return item_id
    s = squash(column)
    for item_id in CATALOG:
        if s == squash(item_id):
            return item_id
    m = re.fullmatch(r"(pss4?|ucla3?)(?:item|q)?(\d)", s)
    if m:
        family = "pss4" if m.group(1).startswith("pss") else "ucla3"
        candidate = f"{family}_{m.group(2)}"
        return candidate if candidate in CATALOG else None
    if s in ("mbiee", "mbiemotionalexhaustion"):
        return "mbi_ee"
    if s in ("mbidp", "mbidepersonalization"):
        return "mbi_dp"
    return None


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


def _comment(text: str) -> str:
    clean = "".join(ch if ord(ch) >= 0x20 and ord(ch) != 0x7F else " " for ch in str(text))
    return " ".join(clean.split())[:120]


def _guess_new(column: str, question: str, values: list[str]) -> list[str]:
    """A commented-out new-item block with a scale guessed from the distinct values."""
    slug = re.sub(r"[^a-z0-9]+", "_", column.casefold()).strip("_")[:40] or "item"
    slug = slug if re.match(r"[a-z]", slug) else "q_" + slug
    nums = []
    for v in values:
        try:
            nums.append(float(v.replace(",", ".")))
        except ValueError:
            break
    lines = ["# [[question]]", f"# column = {toml_str(column)}", f"# new_item = {toml_str(slug)}",
             f"# text = {toml_str(_comment(question or column))}", "# construct = \"...\"       # what it measures"]
    seen = ", ".join(repr(v) for v in values[:8]) + (" ..." if len(values) > 8 else "")
    agree = {norm(k) for k in BUILTIN_VALUES["agree_5"]}
    other = [v for v in values if norm(v) not in agree]
    if values and all(norm(v) in {norm(k) for k in YES_NO} | {"0", "1"} for v in values):
        lines += ["# type = \"yes_no\"", "# higher_is_better = true"]
    elif values and len(nums) == len(values):
        lo, hi = min(nums), max(nums)
        kind = "scale" if all(n.is_integer() for n in nums) and hi - lo <= 10 else "score"
        if lo == hi:
            lo, hi = min(lo, 1.0), max(hi, 5.0)
        fmt = [str(int(x)) if x.is_integer() else str(x) for x in (lo, hi)]
        lines += [f"# type = \"{kind}\"", f"# scale = [{fmt[0]}, {fmt[1]}]       # values seen: {_comment(seen)}",
                  "# higher_is_better = true"]
    elif values and len(other) * 2 < len(values):
        lines += ["# values = \"agree_5\"" + (f"       # also seen: {_comment(', '.join(map(repr, other)))}: add a "
                                              "[values.NAME] section with every answer" if other else ""),
                  "# scale = [1, 5]", "# favourable = [4, 5]", "# higher_is_better = true"]
    else:
        lines += ["# type = \"text\"" + (f"       # values seen: {_comment(seen)}" if values else "")]
    return lines


def suggest_mapping(table: Table) -> str:
    """A starting TOML mapping from a file's columns, for a person to check and complete."""
    columns = [c for c in table.columns if c != "_row"]
    rows = table.rows
    questions = {c: "" for c in columns}
    start = 0
    if len(rows) >= 2 and any(str(v).startswith('{"ImportId"') for v in rows.iloc[1].tolist()):
        questions = {c: str(rows.iloc[0][c]) for c in columns}  # Qualtrics: question text, ImportId rows
        start = 2
    who = guess_who(columns)
    out = [f"# Mapping for {_comment(table.name)}: suggested by the dashboard. Check every line, then import",
           "# the file with it. Lines starting with # are ignored. See docs/MAPPING.md.", ""]
    if not any(k in who for k in ("program", "cohort", "class_year")):
        out += ["# No column seems to give the program, cohort or class year: set them for the whole file.",
                "# program = \"MD\"", "# class_year = \"MS2\"", ""]
    out += ["[columns]"]
    for key, col in who.items():
        out.append(f"{key} = {toml_str(col)}")
    if not who:
        out.append("# respondent = \"Response ID\"")
    out.append("")
    for col in columns:
        if (col in who.values() or is_qualtrics_meta(col) or not col.strip() or col.startswith("redcap_")
                or col.endswith(("_complete", "_timestamp"))):
            continue
        values = sorted({str(v).strip() for v in rows[col].iloc[start:].tolist() if str(v).strip()
                         and str(v) != "nan"}, key=str) if col in rows else []
        item = guess_item(col, questions.get(col, ""))
        if item:
            out += ["[[question]]", f"column = {toml_str(col)}", f"item = {toml_str(item)}"
                    f"       # {_comment(CATALOG[item]['item_text'])}", ""]
        else:
            out += _guess_new(col, questions.get(col, ""), values) + [""]
    return "\n".join(out)
