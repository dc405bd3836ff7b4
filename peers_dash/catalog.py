"""The standard survey catalogue (instruments and items) as plain data, and its loader.

Item ids are fixed: imports map survey columns onto them, and the demo answers them.
"""
from __future__ import annotations

import duckdb

AGREE_5 = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
FREQUENCY_0_4 = ["Never", "Almost never", "Sometimes", "Fairly often", "Very often"]
UCLA_1_3 = ["Hardly ever", "Some of the time", "Often"]
MBI_0_6 = [
    "Never", "A few times a year or less", "Once a month or less", "A few times a month",
    "Once a week", "A few times a week", "Every day",
]

# instrument_id, name, construct, scored, score_min, score_max, higher_is_better
INSTRUMENTS: list[dict] = [
    dict(instrument_id="peers", name="PEERS program items", construct="perceived support",
         scored=False, score_min=None, score_max=None, higher_is_better=True),
    dict(instrument_id="pss4", name="Perceived Stress Scale (PSS-4)", construct="stress",
         scored=True, score_min=0, score_max=16, higher_is_better=False),
    dict(instrument_id="ucla3", name="UCLA 3-item Loneliness Scale", construct="loneliness",
         scored=True, score_min=3, score_max=9, higher_is_better=False),
    dict(instrument_id="burnout", name="Burnout (Maslach Burnout Inventory single items)", construct="burnout",
         scored=False, score_min=None, score_max=None, higher_is_better=False),
    dict(instrument_id="comments", name="Comments", construct="comments",
         scored=False, score_min=None, score_max=None, higher_is_better=None),
    dict(instrument_id="feedback", name="Post-session feedback", construct="session quality",
         scored=False, score_min=None, score_max=None, higher_is_better=True),
]


def _likert(item_id: str, instrument_id: str, position: int, text: str, label: str, construct: str) -> dict:
    return dict(item_id=item_id, instrument_id=instrument_id, position=position, item_text=text,
                short_label=label, construct=construct, response_type="scale", scale_min=1, scale_max=5,
                scale_labels=AGREE_5, reverse_scored=False, favorable_min=4, favorable_max=5,
                higher_is_better=True)


def _scale(item_id: str, instrument_id: str, position: int, text: str, label: str, construct: str,
           lo: int, hi: int, labels: list[str], reverse: bool = False,
           fav: tuple[int, int] | None = None) -> dict:
    return dict(item_id=item_id, instrument_id=instrument_id, position=position, item_text=text,
                short_label=label, construct=construct, response_type="scale", scale_min=lo, scale_max=hi,
                scale_labels=labels, reverse_scored=reverse,
                favorable_min=fav[0] if fav else None, favorable_max=fav[1] if fav else None,
                higher_is_better=False)


_PSS = "In the last month, how often have you "
_UCLA = "How often do you feel "

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
    _scale("pss4_1", "pss4", 1, _PSS + "felt that you were unable to control the important things in your life?",
           "Unable to control important things", "stress", 0, 4, FREQUENCY_0_4),
    _scale("pss4_2", "pss4", 2, _PSS + "felt confident about your ability to handle your personal problems?",
           "Confident handling problems", "stress", 0, 4, FREQUENCY_0_4, reverse=True),
    _scale("pss4_3", "pss4", 3, _PSS + "felt that things were going your way?",
           "Things going your way", "stress", 0, 4, FREQUENCY_0_4, reverse=True),
    _scale("pss4_4", "pss4", 4,
           _PSS + "felt difficulties were piling up so high that you could not overcome them?",
           "Difficulties piling up", "stress", 0, 4, FREQUENCY_0_4),
    _scale("ucla3_1", "ucla3", 1, _UCLA + "that you lack companionship?", "Lack companionship",
           "loneliness", 1, 3, UCLA_1_3),
    _scale("ucla3_2", "ucla3", 2, _UCLA + "left out?", "Feel left out", "loneliness", 1, 3, UCLA_1_3),
    _scale("ucla3_3", "ucla3", 3, _UCLA + "isolated from others?", "Feel isolated", "loneliness", 1, 3,
           UCLA_1_3),
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

# Questions published one by one (a scored instrument's questions are published only through its total).
ANNUAL_ITEMS = [i["item_id"] for i in ITEMS if i["instrument_id"] in ("peers", "burnout")]
FEEDBACK_ITEMS = [i["item_id"] for i in ITEMS if i["instrument_id"] == "feedback"]

_INSTRUMENT_COLS = ("instrument_id", "name", "construct", "scored", "score_min", "score_max", "higher_is_better")
_ITEM_COLS = ("item_id", "instrument_id", "position", "item_text", "short_label", "construct", "response_type",
              "scale_min", "scale_max", "scale_labels", "reverse_scored", "favorable_min", "favorable_max",
              "higher_is_better")


def load_catalog(con: duckdb.DuckDBPyConnection) -> int:
    """Insert the standard instruments and items, skipping ids already there; returns rows inserted."""
    before = con.execute("SELECT (SELECT count(*) FROM instruments) + (SELECT count(*) FROM items)").fetchall()[0][0]
    con.executemany(
        "INSERT INTO instruments (instrument_id, name, construct, scored, score_min, score_max, higher_is_better)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [[row[c] for c in _INSTRUMENT_COLS] for row in INSTRUMENTS],
    )
    con.executemany(
        "INSERT INTO items (item_id, instrument_id, position, item_text, short_label, construct, response_type,"
        " scale_min, scale_max, scale_labels, reverse_scored, favorable_min, favorable_max, higher_is_better)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [[row[c] for c in _ITEM_COLS] for row in ITEMS],
    )
    after = con.execute("SELECT (SELECT count(*) FROM instruments) + (SELECT count(*) FROM items)").fetchall()[0][0]
    return after - before
