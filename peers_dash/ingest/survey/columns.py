"""Which catalogue question, instrument total or respondent detail (id, program, cohort, class year, e-mail,
roster id) a survey column holds, from its name and question text: what the survey parsers recognise in a file
without a mapping, and what a suggested mapping starts from. Column names and texts only, never answers.
"""
from __future__ import annotations

import re
from functools import lru_cache

from peers_dash.ingest.survey.mapping import CATALOG
from peers_dash.model.instruments import LIBRARY, library_by_id

FAMILIES = {"phq": ("phq9", "phq2"), "gad": ("gad7", "gad2"), "cesd": ("cesd20", "cesd10"), "pss": ("pss10", "pss4"),
            "ucla": ("ucla3",), "who": ("who5",), "brs": ("brs",), "miniz": ("miniz_burnout",)}
NEEDS_VERSION = {"who"}
TOTAL_WORDS = ("total", "score", "sum", "totalscore", "sumscore")
SCORE_ALIASES = {"maslachee": "maslach_ee", "maslachdp": "maslach_dp", "maslachpa": "maslach_pa",
                 "mbieetotal": "maslach_ee", "mbidptotal": "maslach_dp", "mbipatotal": "maslach_pa",
                 "mbieescore": "maslach_ee", "mbidpscore": "maslach_dp", "mbipascore": "maslach_pa",
                 "uclatotal": "ucla3", "uclascore": "ucla3"}
CLASS_YEAR_TEXTS = ("yearofstudy", "studyyear", "yearinschool", "yearoftraining", "trainingyear", "classyear",
                    "pgylevel", "traininglevel", "yearinprogram", "yearofmedicalschool", "yearinmedicalschool")
_WHO_NAMES = {
    "respondent": ["responseid", "respondent", "respondentid", "response", "recordid", "id", "surveyid"],
    "program": ["program", "programme", "programname", "trainingprogram", "residencyprogram"],
    "cohort": ["cohort", "classof", "graduationyear", "gradyear", "graduatingclass", "expectedgraduation",
               "cohortname"],
    "class_year": ["classyear", "yearofstudy", "studyyear", "yearinschool", "yearoftraining", "trainingyear",
                   "pgy", "pgylevel", "pgyyear", "msyear", "traininglevel", "yearlevel", "yearinprogram",
                   "programyear", "levelofstudy", "leveloftraining", "currentyearofstudy", "currentyear",
                   "currentpgy", "year", "yearinmedicalschool", "level"],
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
_MBI = {"mbiee": "mbi_ee", "mbiemotionalexhaustion": "mbi_ee", "mbidp": "mbi_dp", "mbidepersonalization": "mbi_dp"}


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


def candidates(column: str, question: str = "") -> tuple[list[str], bool]:
    """Catalogue items a column may hold (by question text, then name), and whether only by an instrument's name."""
    for text in (question, column):
        hits = items_by_text(text)
        if hits:
            return hits, False
    s = squash(column)
    hits = [i for i in CATALOG if squash(i) == s]
    if hits:
        return hits, False
    named, weak = items_by_name(column)
    if named:
        return named, weak
    return ([_MBI[s]] if s in _MBI else []), False


def guess_item(column: str, question: str = "") -> str | None:
    """The catalogue item a column holds, from its question text or its name ('PSS 2' -> pss4_2)."""
    hits, _ = candidates(column, question)
    return prefer(hits) if hits else None


def _n_items(iid: str) -> int:
    inst = library_by_id().get(iid)
    return len(inst["items"]) if inst else 0


@lru_cache(maxsize=1)
def _text_index() -> dict[str, list[str]]:
    """Squashed item text (with and without its instrument's stem) and short label -> catalogue item ids."""
    index: dict[str, list[str]] = {}

    def add(text: str, item_id: str) -> None:
        s = squash(text)
        if s and item_id not in index.setdefault(s, []):
            index[s].append(item_id)

    for item_id, item in CATALOG.items():
        add(item["item_text"], item_id)
        add(item["short_label"], item_id)
    for inst in LIBRARY:
        for pos, item in enumerate(inst["items"], start=1):
            add(item["text"], f"{inst['instrument_id']}_{pos}")
            add((inst.get("stem") or "") + item["text"], f"{inst['instrument_id']}_{pos}")
    return index


@lru_cache(maxsize=1)
def _stems() -> tuple[str, ...]:
    return tuple({squash(inst["stem"]) for inst in LIBRARY if inst.get("stem")})


def items_by_text(text: str) -> list[str]:
    """Catalogue items whose wording a question text or header is: exactly, after the instrument's stem, or as the
    item of a Qualtrics matrix ('Stem - item'); case, spaces and punctuation do not matter."""
    if not text or not str(text).strip():
        return []
    index = _text_index()
    keys = [squash(text)] + [squash(text[m.end():]) for m in re.finditer(r"\s[-\u2013\u2014:]\s", str(text))]
    keys += [keys[0][len(stem):] for stem in _stems() if keys[0].startswith(stem) and len(keys[0]) > len(stem)]
    out: list[str] = []
    for k in keys:
        out += [i for i in index.get(k, []) if i not in out]
    return out


def items_by_name(column: str) -> tuple[list[str], bool]:
    """Library items a column name points at ('PHQ9_1', 'phq-9 q3', 'cesd_12', 'brs1'), and whether the name is
    only an instrument's own ('PSS 4', 'UCLA-3': an item only when the other items are there too)."""
    t = re.sub(r"[^a-z0-9]+", " ", str(column).casefold()).strip()
    m = re.fullmatch(r"(phq|gad|cesd|pss|ucla|who|brs|miniz|mini z)(.*)", t)
    if not m:
        return [], False
    fam, rest = m.group(1).replace(" ", ""), m.group(2)
    if fam == "miniz" and squash(rest) in ("", "burnout"):
        return ["miniz_burnout_1"], True
    ids = FAMILIES[fam]
    weak = squash(t) in {squash(i) for i in ids}
    out = []
    for iid in ids:
        version = iid[len(fam):]
        hit = re.fullmatch(rf" ?{version}(?: ?(?:item|question|q|i) ?| )?(\d+)", rest) if version else None
        if hit and 1 <= int(hit.group(1)) <= _n_items(iid):
            out.append(f"{iid}_{int(hit.group(1))}")
    if not out and fam not in NEEDS_VERSION:
        hit = re.fullmatch(r" ?(?:(?:item|question|q|i) ?)?(\d+)", rest)
        if hit and not (rest.strip() == rest and rest in {i[len(fam):] for i in ids}):
            out = [f"{iid}_{int(hit.group(1))}" for iid in ids if 1 <= int(hit.group(1)) <= _n_items(iid)]
    return out, weak


def total_of(column: str, text: str = "") -> str:
    """The library instrument whose total a column holds ('PHQ9 total', 'gad7_score', 'maslach_ee'), or ''."""
    for hit in items_by_text(text) + items_by_text(column):
        if hit.endswith("_total"):
            return hit[:-6]
    s = squash(column)
    if s in SCORE_ALIASES:
        return SCORE_ALIASES[s]
    for inst in LIBRARY:
        iid = squash(inst["instrument_id"])
        if s == iid or (s.startswith(iid) and s[len(iid):] in TOTAL_WORDS):
            return inst["instrument_id"]
    return ""


def family_total(column: str) -> list[str]:
    """The instruments a family's total may be ('PSS total' -> pss10, pss4), or []."""
    s = squash(column)
    fam = next((f for f in FAMILIES if s.startswith(f) and s[len(f):] in TOTAL_WORDS), None)
    return list(FAMILIES[fam]) if fam else []


def prefer(item_ids: list[str]) -> str:
    """The item a lone column most likely is: the program's own items first, then the shortest instrument's."""
    def rank(item_id: str) -> tuple:
        inst = CATALOG[item_id]["instrument_id"]
        return (inst in library_by_id(), _n_items(inst), CATALOG[item_id]["position"])
    return min(item_ids, key=rank)


def class_year_by_text(columns: list[str], texts: dict[str, str], taken: set[str]) -> str | None:
    """A column whose question asks for the year of study ('What is your current year of study?')."""
    for col in columns:
        t = squash(texts.get(col, ""))
        if col not in taken and t and len(t) < 120 and any(p in t for p in CLASS_YEAR_TEXTS):
            return col
    return None
