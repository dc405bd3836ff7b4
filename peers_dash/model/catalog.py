"""The standard survey catalogue (instruments and items) as plain data, and its loader.

Item ids are fixed: imports map survey columns onto them, and the demo answers them.
"""
from __future__ import annotations

import hashlib

import duckdb
import pandas as pd

from peers_dash.model.instruments import LIBRARY
from peers_dash.sql import run_script

AGREE_5 = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
FREQUENCY_0_4 = ["Never", "Almost never", "Sometimes", "Fairly often", "Very often"]
UCLA_1_3 = ["Hardly ever", "Some of the time", "Often"]
MBI_0_6 = [
    "Never", "A few times a year or less", "Once a month or less", "A few times a month",
    "Once a week", "A few times a week", "Every day",
]

# The program's own instruments; the scored instruments (PSS-4, UCLA-3, PHQ-9, ...) come from the library.
INSTRUMENTS: list[dict] = [
    dict(instrument_id="peers", name="PEERS program items", short_name="PEERS", construct="perceived support",
         scored=False, score_min=None, score_max=None, higher_is_better=True),
    dict(instrument_id="burnout", name="Burnout (Maslach Burnout Inventory single items)", short_name="Burnout items",
         construct="burnout", scored=False, score_min=None, score_max=None, higher_is_better=False),
    dict(instrument_id="comments", name="Comments", construct="comments",
         scored=False, score_min=None, score_max=None, higher_is_better=None),
    dict(instrument_id="feedback", name="Post-session feedback", short_name="Feedback", construct="session quality",
         scored=False, score_min=None, score_max=None, higher_is_better=True),
]


def _likert(item_id: str, instrument_id: str, position: int, text: str, label: str, construct: str) -> dict:
    return dict(item_id=item_id, instrument_id=instrument_id, position=position, item_text=text,
                short_label=label, construct=construct, response_type="scale", scale_min=1, scale_max=5,
                scale_labels=AGREE_5, reverse_scored=False, favorable_min=4, favorable_max=5,
                higher_is_better=True)


def _scale(item_id: str, instrument_id: str, position: int, text: str, label: str, construct: str,
           lo: int, hi: int, labels: list[str], fav: tuple[int, int]) -> dict:
    return dict(item_id=item_id, instrument_id=instrument_id, position=position, item_text=text,
                short_label=label, construct=construct, response_type="scale", scale_min=lo, scale_max=hi,
                scale_labels=labels, reverse_scored=False, favorable_min=fav[0], favorable_max=fav[1],
                higher_is_better=False)


ITEMS: list[dict] = [
    _likert("peers_space", "peers", 1, "My PEERS group is a space where I can talk about challenges",
            "Space to talk about challenges", "perceived support"),
    _likert("peers_peer_support", "peers", 2, "I feel supported by my peers", "Supported by peers",
            "perceived support"),
    _likert("peers_facilitator_support", "peers", 3, "I feel supported by my facilitators",
            "Supported by facilitators", "perceived support"),
    _likert("peers_coping", "peers", 4, "PEERS taught me coping skills I use", "Coping skills I use",
            "coping skills"),
    _likert("peers_community", "peers", 5, "I feel part of a community at school", "Part of a community",
            "community"),
    _scale("mbi_ee", "burnout", 1, "I feel burned out from my work", "Burned out from work", "burnout",
           0, 6, MBI_0_6, fav=(0, 3)),
    _scale("mbi_dp", "burnout", 2, "I have become more callous toward people since I started this work",
           "More callous toward people", "burnout", 0, 6, MBI_0_6, fav=(0, 3)),
    dict(item_id="comment", instrument_id="comments", position=1,
         item_text="Anything else you would like to tell us about PEERS?", short_label="Comment",
         construct="comments", response_type="text", scale_min=None, scale_max=None, scale_labels=None,
         reverse_scored=False, favorable_min=None, favorable_max=None, higher_is_better=None),
    _likert("fb_helpful", "feedback", 1, "This session was helpful", "Session was helpful", "session quality"),
    _likert("fb_safe", "feedback", 2, "I felt safe sharing in my group", "Felt safe sharing",
            "perceived support"),
    _likert("fb_use", "feedback", 3, "I will use what I learned in this session", "Will use what I learned",
            "coping skills"),
]


def short_name(inst: dict) -> str:
    """'Patient Health Questionnaire (PHQ-9)' -> 'PHQ-9'; the name itself where it has no abbreviation."""
    if inst.get("short"):
        return inst["short"]
    name = inst["name"]
    return name[name.rindex("(") + 1:-1] if name.endswith(")") and "(" in name else name


def _library() -> None:
    """The library's instruments, each with its items and one more item for a total the survey tool computed."""
    for inst in LIBRARY:
        iid, hib = inst["instrument_id"], inst["higher_is_better"]
        INSTRUMENTS.append(dict(
            instrument_id=iid, name=inst["name"], construct=inst["construct"], scored=True,
            score_min=inst["score_min"], score_max=inst["score_max"], higher_is_better=hib,
            scoring=inst["scoring"], cutoff=inst.get("cutoff"), cutoff_op=inst.get("cutoff_op"),
            cutoff_label=inst.get("cutoff_label"), source=inst.get("source"), short_name=short_name(inst)))
        stem = inst.get("stem") or ""
        for pos, item in enumerate(inst["items"], start=1):
            ITEMS.append(dict(
                item_id=f"{iid}_{pos}", instrument_id=iid, position=pos,
                item_text=item["text"] if not stem or item["text"].startswith(stem) else f"{stem} {item['text']}",
                short_label=item["label"], construct=inst["construct"], response_type="scale",
                scale_min=inst["answer_min"], scale_max=inst["answer_max"], scale_labels=inst["answer_labels"],
                reverse_scored=bool(item["reverse"]), favorable_min=None, favorable_max=None,
                higher_is_better=hib != bool(item["reverse"])))
        ITEMS.append(dict(
            item_id=f"{iid}_total", instrument_id=iid, position=0, item_text=f"{inst['name']}: total score",
            short_label=f"{short_name(inst)} score", construct=inst["construct"], response_type="scale",
            scale_min=inst["score_min"], scale_max=inst["score_max"], scale_labels=None, reverse_scored=False,
            favorable_min=None, favorable_max=None, higher_is_better=hib, is_total=True))


_library()

# Questions published one by one (a scored instrument's questions are published only through its total).
ANNUAL_ITEMS = [i["item_id"] for i in ITEMS if i["instrument_id"] in ("peers", "burnout")]
FEEDBACK_ITEMS = [i["item_id"] for i in ITEMS if i["instrument_id"] == "feedback"]

def resolve_shared_items(chosen: dict[str, str]) -> dict[str, str]:
    """Columns recognised as catalogue items by their question text, with each question that several instruments
    share (PHQ-2 is PHQ-9's first two, PSS-4 four of PSS-10's) given to the instrument it most likely belongs to:
    one all of whose questions the file has, the longest such; else the one the file covers the most of."""
    by_text: dict[str, list[str]] = {}
    for item in ITEMS:
        if not item.get("is_total"):
            by_text.setdefault(" ".join(item["item_text"].split()).casefold(), []).append(item["item_id"])
    of = {item["item_id"]: item for item in ITEMS}
    size: dict[str, int] = {}
    for item in ITEMS:
        if not item.get("is_total"):
            size[item["instrument_id"]] = size.get(item["instrument_id"], 0) + 1
    cands = {col: by_text.get(" ".join(of[i]["item_text"].split()).casefold(), [i]) if i in of else [i]
             for col, i in chosen.items()}
    cover: dict[str, int] = {}
    for options in cands.values():
        for inst in {of[i]["instrument_id"] for i in options if i in of}:
            cover[inst] = cover.get(inst, 0) + 1

    def rank(item_id: str) -> tuple:
        inst = of[item_id]["instrument_id"] if item_id in of else ""
        complete = cover.get(inst, 0) >= size.get(inst, 1)
        return (complete, size.get(inst, 0) if complete else cover.get(inst, 0) / size.get(inst, 1))

    return {col: max(options, key=rank) for col, options in cands.items()}


def library_table() -> pd.DataFrame:
    """The instrument library in words, for the Methods page: id, name, questions, scoring, range, direction,
    cut-off, source."""
    rows = []
    for inst in LIBRARY:
        reversed_ = [str(i) for i, item in enumerate(inst["items"], start=1) if item["reverse"]]
        rows.append({
            "Mapping id": inst["instrument_id"], "Instrument": inst["name"],
            "Questions": (f"{len(inst['items'])}, answered {inst['answer_min']}-{inst['answer_max']}"
                          + (f"; reversed: {', '.join(reversed_)}" if reversed_ else "")) if inst["items"]
            else "total only",
            "Score": f"{inst['scoring']} of the questions, {inst['score_min']}-{inst['score_max']}" if inst["items"]
            else f"{inst['score_min']}-{inst['score_max']}",
            "Better": "higher" if inst["higher_is_better"] else "lower",
            "Cut-off": inst.get("cutoff_label") or "none published",
            "Source": inst.get("source") or "",
        })
    return pd.DataFrame(rows)


_INSTRUMENT_COLS = ("instrument_id", "name", "construct", "scored", "score_min", "score_max", "higher_is_better",
                    "scoring", "cutoff", "cutoff_op", "cutoff_label", "source", "short_name")
_ITEM_COLS = ("item_id", "instrument_id", "position", "item_text", "short_label", "construct", "response_type",
              "scale_min", "scale_max", "scale_labels", "reverse_scored", "favorable_min", "favorable_max",
              "higher_is_better", "is_total")
_DEFAULTS = {"scoring": "sum", "is_total": False}


def load_catalog(con: duckdb.DuckDBPyConnection) -> int:
    """Insert the standard instruments and items, or bring them up to date (the code is the truth for its own
    ids; an office's own items have other ids); returns how many rows are new. Skipped when the database already
    holds this version of the catalogue (its digest is kept in meta)."""
    digest = hashlib.sha256(repr((INSTRUMENTS, ITEMS)).encode()).hexdigest()[:16]
    if con.execute("SELECT count(*) FROM meta WHERE key = 'catalog_digest' AND value = ?", [digest]).fetchall()[0][0]:
        return 0
    count = "SELECT (SELECT count(*) FROM instruments) + (SELECT count(*) FROM items)"
    before = con.execute(count).fetchall()[0][0]
    for name, cols, rows in (("catalog/instruments", _INSTRUMENT_COLS, INSTRUMENTS),
                             ("catalog/items", _ITEM_COLS, ITEMS)):
        frame = pd.DataFrame([[row.get(c, _DEFAULTS.get(c)) for c in cols] for row in rows], columns=list(cols))
        con.register("catalog_rows", frame)
        try:
            run_script(con, name)
        finally:
            con.unregister("catalog_rows")
    run_script(con, "meta/set", {"key": "catalog_digest", "value": digest})
    return con.execute(count).fetchall()[0][0] - before

