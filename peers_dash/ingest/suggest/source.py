"""What a survey file's columns are, for the suggested mapping: the file read as the importer reads it, columns
that identify people, library instrument items and totals, class-year columns, and standard answer wordings.

Nothing here writes a respondent's answer anywhere: cells are only looked at to decide what a column is.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from peers_dash.ingest.read import Table
from peers_dash.ingest.survey.mapping import BUILTIN_VALUES, CATALOG, YES_NO, norm
from peers_dash.instruments import LIBRARY, library_by_id

SAMPLE = 2000  # data rows looked at per column
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
_NAME_WORDS = {"name", "names", "fname", "lname", "surname", "firstname", "lastname", "fullname", "nickname",
               "username", "initials", "signature"}
_NOT_A_PERSON = {"program", "programme", "cohort", "group", "course", "school", "site", "hospital", "institution",
                 "department", "file", "event", "instrument", "form", "survey", "team", "unit", "clinic", "class"}
_ADDRESS_WORDS = {"address", "street", "zip", "zipcode", "postcode", "postalcode", "postal", "city", "latitude",
                  "longitude", "geolocation", "gps", "hometown", "addr"}
_OTHER_IDS = {"ssn", "socialsecurity", "socialsecuritynumber", "mrn", "medicalrecordnumber", "passport",
              "passportnumber", "nhsnumber", "photo", "photograph", "mugshot", "picture", "selfie"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_IPV6 = re.compile(r"^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$", re.I)
_DATE = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2})?.*)?$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,22}$")
_STREET = re.compile(r"^\d+[a-z]?\s+\w.*\b(st|street|ave|avenue|rd|road|blvd|boulevard|lane|ln|dr|drive|way|court|"
                     r"ct|place|pl|terrace|crescent)\b|\b[A-Z]{2},?\s+\d{5}(-\d{4})?\s*$", re.I | re.S)


def squash(text: str) -> str:
    """A name with only its letters and digits, lower case ('Class Year' -> 'classyear')."""
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


def words(text: str) -> list[str]:
    """The words of a name or text, camelCase split ('RecipientFirstName' -> recipient, first, name)."""
    return re.findall(r"[a-z]+|\d+", re.sub(r"([a-z])([A-Z])", r"\1 \2", str(text)).casefold())


# --- reading the file as the importer does -------------------------------------------------------------------


@dataclass
class Source:
    """A survey file as the importer will see it: its kind, column names and question texts, and a sample of
    each column's cells (looked at, never written)."""

    kind: str  # qualtrics, redcap or wide
    columns: list[str]
    texts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)  # REDCap data dictionary: field name -> Field
    flagged: set[str] = field(default_factory=set)  # fields the dictionary says identify people
    header_rows: int = 1


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8")


def read_source(table: Table, dictionary: object = None) -> Source:
    """The file's format found by the importer's own detection, and its columns named as its parser names them."""
    from peers_dash.ingest.formats import detect_format
    from peers_dash.ingest.formats.parsers.redcap import relabel
    from peers_dash.ingest.formats.parsers.qualtrics import _qualtrics_headers
    from peers_dash.ingest.problems import Report
    from peers_dash.ingest.read import ReadError

    cols = [c for c in table.columns if c != "_row"]
    frame = table.rows[cols].head(SAMPLE + 2) if cols else table.rows
    body = [["" if v is None or v != v else str(v) for v in row] for row in frame.itertuples(index=False)]
    raw = [[table.original(c) for c in cols]] + body
    try:
        found = detect_format(_csv_bytes(raw[:4]), "file.csv") if cols else "wide"
    except ReadError:
        found = "wide"
    fields, flagged = read_dictionary_of(dictionary)
    src = Source(kind=found if found in ("qualtrics", "redcap") else "wide", columns=cols, fields=fields,
                 flagged=flagged)
    data = body
    if src.kind == "qualtrics":
        headers = _qualtrics_headers(raw, table.name, Report())
        if headers is None:
            src.kind = "wide"
        else:
            src.columns, texts, start = headers
            src.header_rows = start
            src.texts = {c: (texts[i].strip() if i < len(texts) else "") for i, c in enumerate(src.columns)}
            data = raw[start:]
    if src.kind == "redcap" and fields:
        src.columns = relabel(cols, fields)
    if fields and src.kind != "qualtrics":
        src.texts = {c: fields[base(c)].label for c in src.columns if base(c) in fields}
    src.cells = {c: [r[i] if i < len(r) else "" for r in data] for i, c in enumerate(src.columns)}
    return src


def base(column: str) -> str:
    """A REDCap checkbox column's field name ('race___2' -> 'race')."""
    return re.sub(r"___\w+$", "", column)


def read_dictionary_of(dictionary: object) -> tuple[dict[str, Any], set[str]]:
    """(fields by name, fields marked as identifiers) of a REDCap data dictionary given as bytes, (name, bytes),
    a table or frame of it, or fields already read (formats.parsers.redcap.read_dictionary)."""
    import pandas as pd

    from peers_dash.ingest.formats.parsers.redcap import read_dictionary
    from peers_dash.ingest.problems import Report
    from peers_dash.ingest.read import ReadError, read_table

    if dictionary is None:
        return {}, set()
    if isinstance(dictionary, dict):
        return dictionary, set()
    name = "dictionary.csv"
    if isinstance(dictionary, tuple):
        name, dictionary = dictionary
    if isinstance(dictionary, Table):
        dictionary = dictionary.rows.drop(columns=["_row"], errors="ignore")
    if isinstance(dictionary, pd.DataFrame):
        dictionary = dictionary.to_csv(index=False).encode("utf-8")
    if not isinstance(dictionary, (bytes, bytearray)):
        return {}, set()
    fields = read_dictionary(bytes(dictionary), name, Report()) or {}
    flagged: set[str] = set()
    try:
        dd = read_table(bytes(dictionary), name)
    except ReadError:
        return fields, flagged
    cols = {squash(c): c for c in dd.columns}
    var = next((c for s, c in cols.items() if s.startswith("variable") or s == "fieldname"), None)
    ident = next((c for s, c in cols.items() if s.startswith("identifier")), None)
    valid = next((c for s, c in cols.items() if s.startswith("textvalidationtype")), None)
    for rec in dd.rows.to_dict("records") if var else []:
        check = str(rec.get(valid) or "").strip().casefold() if valid else ""
        if (ident and str(rec.get(ident) or "").strip().casefold() in ("y", "yes")) or check in (
                "email", "phone", "phone_australia", "zipcode", "postalcode_canada", "postalcode_australia",
                "postalcode_uk", "postalcode_germany", "postalcode_french", "ssn") or check.startswith(("date",)):
            flagged.add(str(rec.get(var) or "").strip())
    return fields, flagged


# --- columns that identify people ----------------------------------------------------------------------------


def identifying_name(text: str) -> str:
    """What a column name or question text says it identifies ('a name', 'an e-mail' ...), or ''."""
    w = words(text)
    s = squash(text)
    ws = set(w)
    if "email" in s or "mail" in ws or any(a == "e" and b == "mail" for a, b in zip(w, w[1:])):
        return "e-mail"
    if "phone" in s or ws & {"tel", "mobile", "cell", "fax", "pager"}:
        return "phone"
    if "birth" in s or s in ("dob", "bday", "birthdt"):
        return "date of birth"
    if s in ("ip", "ipaddr", "ipv4", "ipv6") or "ipaddress" in s or ("ip" in ws and "address" in ws):
        return "IP address"
    if ws & _ADDRESS_WORDS or "address" in s:
        return "address"
    if s in _OTHER_IDS or "socialsecurity" in s or "medicalrecord" in s or ws & {"photo", "mugshot"}:
        return "identifier"
    if (ws & _NAME_WORDS or s.endswith(("firstname", "lastname", "fullname", "surname"))) and not ws & _NOT_A_PERSON:
        return "name"
    return ""


def identifying_content(cells: list[str]) -> str:
    """What most non-empty cells look like when they identify people (e-mails, phones, IPs, dates, addresses)."""
    values = [c.strip() for c in cells if c and c.strip()]
    if not values:
        return ""
    counts = {"e-mail": 0, "phone": 0, "IP address": 0, "date": 0, "address": 0}
    for v in values:
        digits = sum(ch.isdigit() for ch in v)
        if _DATE.match(v):
            counts["date"] += 1
        elif _IPV4.match(v) or (":" in v and _IPV6.match(v) and v.count(":") >= 2):
            counts["IP address"] += 1
        elif _EMAIL.match(v):
            counts["e-mail"] += 1
        elif (_PHONE.match(v) and 7 <= digits <= 15 and not re.fullmatch(r"\d+[.,]\d+", v)
              and (not v.isdigit() or digits >= 10)):
            counts["phone"] += 1
        elif _STREET.search(v):
            counts["address"] += 1
    kind, n = max(counts.items(), key=lambda kv: kv[1])
    return kind if n * 2 >= len(values) else ""


# --- the catalogue and the instrument library ----------------------------------------------------------------


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


# --- standard answer wordings --------------------------------------------------------------------------------


def wording_lists() -> list[tuple[str, dict[str, float]]]:
    """(built-in list name or '', answer -> number) for every standard wording the dashboard knows."""
    out = [(name, dict(values)) for name, values in BUILTIN_VALUES.items() if name != "yes_no"]
    seen = {tuple(norm(k) for k in v) for _, v in out}
    for inst in LIBRARY:
        labels = inst.get("answer_labels")
        if labels and tuple(norm(x) for x in labels) not in seen:
            seen.add(tuple(norm(x) for x in labels))
            out.append(("", {x: float(inst["answer_min"] + i) for i, x in enumerate(labels)}))
    return out


def answer_kind(cells: list[str]) -> tuple[str, str, dict[str, float]]:
    """('yes_no' | 'list' | 'number' | 'text' | 'empty', list name, the list) of a column's answers, by the
    standard wordings they use; nothing of the answers themselves is returned."""
    distinct = {norm(c) for c in cells if c and c.strip()}
    if not distinct:
        return "empty", "", {}
    if distinct <= {norm(k) for k in YES_NO}:
        return "yes_no", "", {}
    if all(re.fullmatch(r"[+-]?\d+([.,]\d+)?", d) for d in distinct):
        return "number", "", {}
    best = max(wording_lists(), key=lambda nv: len(distinct & {norm(k) for k in nv[1]}))
    covered = len(distinct & {norm(k) for k in best[1]})
    if covered * 2 >= len(distinct) and covered:
        return "list" if covered == len(distinct) else "list_partly", best[0], best[1]
    return "text", "", {}
