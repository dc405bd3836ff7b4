"""What a survey file's columns are, for the suggested mapping: the file read as the importer reads it, columns
that identify people, and standard answer wordings (which catalogue question a column is: survey.columns).

Nothing here writes a respondent's answer anywhere: cells are only looked at to decide what a column is.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from peers_dash.ingest.formats import detect_format
from peers_dash.ingest.formats.parsers.qualtrics import qualtrics_headers
from peers_dash.ingest.formats.parsers.redcap import relabel
from peers_dash.ingest.formats.parsers.redcap_dictionary import base, read_dictionary
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import ReadError, Table, read_table
from peers_dash.ingest.survey.columns import squash
from peers_dash.ingest.survey.mapping import BUILTIN_VALUES, YES_NO, norm
from peers_dash.model.instruments import LIBRARY

SAMPLE = 2000  # data rows looked at per column
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
        headers = qualtrics_headers(raw, table.name, Report())
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


def read_dictionary_of(dictionary: object) -> tuple[dict[str, Any], set[str]]:
    """(fields by name, fields marked as identifiers) of a REDCap data dictionary given as bytes, (name, bytes),
    a table or frame of it, or fields already read (formats.parsers.redcap_dictionary.read_dictionary)."""
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
