"""The instrument library is internally consistent, and a plain reference scoring gives hand-computed totals."""
from __future__ import annotations

import operator
import re

import pytest

from peers_dash.model.instruments import LIBRARY, SCORE_ONLY, library_by_id

KEYS = {"instrument_id", "name", "construct", "stem", "scoring", "score_min", "score_max", "higher_is_better",
        "cutoff", "cutoff_op", "cutoff_label", "source", "answer_min", "answer_max", "answer_labels", "items"}
OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
WITH_ITEMS = [inst for inst in LIBRARY if inst["items"]]

# The published reversed positions (1-based); every other instrument with items has none.
REVERSED = {"cesd20": [4, 8, 12, 16], "cesd10": [5, 8], "pss10": [4, 5, 7, 8], "pss4": [2, 3], "brs": [2, 4, 6]}

# Answers (raw, as ticked, in item order) and the score they give, worked out by hand.
# Reversed items are flipped as answer_min + answer_max - v before summing / averaging.
HAND_SCORED: dict[str, list[tuple[list[int], float]]] = {
    "phq9": [([0, 1, 2, 3, 0, 1, 2, 3, 0], 12),
             ([1, 0, 2, 1, 0, 0, 3, 1, 2], 10)],
    "phq2": [([1, 2], 3),
             ([0, 1], 1)],
    "gad7": [([0, 1, 2, 3, 0, 1, 2], 9),
             ([3, 2, 1, 0, 3, 2, 1], 12)],
    "gad2": [([3, 3], 6),
             ([1, 1], 2)],
    # reversed 4, 8, 12, 16 (flip = 3 - v)
    "cesd20": [
        # all 0: the 16 plain items give 0, the 4 reversed give 3 each -> 12
        ([0] * 20, 12),
        # plain items 1,2,3,5,6,7,9,10,11,13,14,15,17,18,19,20: 1+2+0+1+2+0+3+0+2+0+3+1+2+1+0+3 = 21
        # reversed 4: 3->0, 8: 1->2, 12: 1->2, 16: 0->3 = 7; 21 + 7 = 28
        ([1, 2, 0, 3, 1, 2, 0, 1, 3, 0, 2, 1, 0, 3, 1, 0, 2, 1, 0, 3], 28),
    ],
    # reversed 5 and 8 (flip = 3 - v)
    "cesd10": [
        # all 0: 0 + (3 + 3) -> 6
        ([0] * 10, 6),
        # plain items 1,2,3,4,6,7,9,10: 1+2+0+3+2+0+3+0 = 11; reversed 5: 1->2, 8: 1->2; 11 + 4 = 15
        ([1, 2, 0, 3, 1, 2, 0, 1, 3, 0], 15),
    ],
    "who5": [([5, 4, 3, 2, 1], 15),
             ([2, 2, 3, 2, 3], 12)],   # 12 = 48%: on the flagged side
    # reversed 4, 5, 7, 8 (flip = 4 - v)
    "pss10": [
        # all 0: 0 + 4 * 4 -> 16
        ([0] * 10, 16),
        # plain items 1,2,3,6,9,10: 1+2+3+1+4+0 = 11; reversed 4: 4->0, 5: 0->4, 7: 2->2, 8: 3->1 = 7; 11 + 7 = 18
        ([1, 2, 3, 4, 0, 1, 2, 3, 4, 0], 18),
    ],
    # reversed 2 and 3 (flip = 4 - v)
    "pss4": [
        ([0, 0, 0, 0], 8),    # 0 + 4 + 4 + 0
        ([3, 1, 0, 4], 14),   # 3 + (4-1) + (4-0) + 4 = 3 + 3 + 4 + 4
    ],
    "ucla3": [([1, 1, 1], 3),
              ([2, 3, 1], 6)],
    "miniz_burnout": [([1], 1),
                      ([4], 4)],
    # reversed 2, 4, 6 (flip = 6 - v), then the mean of six
    "brs": [
        ([4, 2, 3, 4, 4, 5], 3.0),   # 4 + (6-2) + 3 + (6-4) + 4 + (6-5) = 4+4+3+2+4+1 = 18; 18 / 6 = 3.0
        ([2, 4, 2, 5, 1, 5], 1.5),   # 2 + (6-4) + 2 + (6-5) + 1 + (6-5) = 2+2+2+1+1+1 = 9; 9 / 6 = 1.5
    ],
}


def reference_score(inst: dict, answers: list[int]) -> float:
    """The instrument's score from raw answers: reversed items flipped, then summed or averaged."""
    lo, hi = inst["answer_min"], inst["answer_max"]
    values = [lo + hi - a if item["reverse"] else a for item, a in zip(inst["items"], answers, strict=True)]
    return sum(values) / len(values) if inst["scoring"] == "mean" else sum(values)


def ids(insts: list[dict]) -> list[str]:
    return [inst["instrument_id"] for inst in insts]


def test_ids_unique_and_well_formed():
    assert len(set(ids(LIBRARY))) == len(LIBRARY)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids(LIBRARY))
    assert list(library_by_id()) == ids(LIBRARY)
    assert library_by_id()["phq9"] is LIBRARY[0]
    assert {"phq9", "phq2", "gad7", "gad2", "cesd20", "cesd10", "who5", "pss10", "pss4", "ucla3", "maslach_ee",
            "maslach_dp", "maslach_pa", "miniz_burnout", "brs"} == set(ids(LIBRARY))


@pytest.mark.parametrize("inst", LIBRARY, ids=ids(LIBRARY))
def test_instrument_shape(inst):
    assert set(inst) - {"short"} == KEYS
    assert inst["scoring"] in ("sum", "mean")
    assert isinstance(inst["higher_is_better"], bool)
    assert inst["score_min"] < inst["score_max"]
    assert inst["name"] and inst["construct"] and inst["source"]
    assert inst["stem"] is None or isinstance(inst["stem"], str) and inst["stem"]


@pytest.mark.parametrize("inst", LIBRARY, ids=ids(LIBRARY))
def test_cutoff(inst):
    if inst["cutoff"] is None:
        assert inst["cutoff_op"] is None and inst["cutoff_label"] is None
        return
    assert inst["cutoff_op"] in OPS and inst["cutoff_label"]
    assert inst["score_min"] <= inst["cutoff"] <= inst["score_max"]
    # the flagged side is the bad side
    assert inst["cutoff_op"] in (("<=", "<") if inst["higher_is_better"] else (">=", ">"))
    # both sides of the cut-off can be reached
    flagged = OPS[inst["cutoff_op"]]
    assert flagged(inst["score_min"], inst["cutoff"]) != flagged(inst["score_max"], inst["cutoff"])


@pytest.mark.parametrize("inst", WITH_ITEMS, ids=ids(WITH_ITEMS))
def test_range_follows_from_items(inst):
    n, lo, hi = len(inst["items"]), inst["answer_min"], inst["answer_max"]
    assert lo < hi
    assert len(inst["answer_labels"]) == hi - lo + 1 == len(set(inst["answer_labels"]))
    if inst["scoring"] == "sum":
        assert (inst["score_min"], inst["score_max"]) == (n * lo, n * hi)
    else:
        assert (inst["score_min"], inst["score_max"]) == (lo, hi)


@pytest.mark.parametrize("inst", WITH_ITEMS, ids=ids(WITH_ITEMS))
def test_items(inst):
    items = inst["items"]
    assert all(set(item) == {"text", "label", "reverse"} for item in items)
    assert all(isinstance(item["reverse"], bool) for item in items)
    assert [p for p, item in enumerate(items, 1) if item["reverse"]] == REVERSED.get(inst["instrument_id"], [])
    labels = [item["label"] for item in items]
    assert len(set(labels)) == len(labels)
    assert all(0 < len(label) <= 40 for label in labels)
    texts = [item["text"] for item in items]
    assert len(set(texts)) == len(texts)
    if inst["stem"]:
        assert not any(t.startswith(inst["stem"]) for t in texts)


@pytest.mark.parametrize("inst", LIBRARY, ids=ids(LIBRARY))
def test_plain_text(inst):
    """ASCII (typographic quotes allowed), no markup, no stray whitespace."""
    strings = [inst["name"], inst["construct"], inst["source"], inst["stem"], inst["cutoff_label"]]
    strings += inst["answer_labels"] or []
    strings += [s for item in inst["items"] for s in (item["text"], item["label"])]
    for s in filter(None, strings):
        assert all(ord(c) < 128 or c in "\u2018\u2019\u201c\u201d" for c in s), s
        assert not re.search(r"[<>&]", s) and s == s.strip() and "  " not in s, s


def test_score_only():
    assert set(SCORE_ONLY) == {inst["instrument_id"] for inst in LIBRARY if not inst["items"]}
    assert set(SCORE_ONLY) == {"maslach_ee", "maslach_dp", "maslach_pa"}
    for i in SCORE_ONLY:
        inst = library_by_id()[i]
        assert inst["answer_min"] is None and inst["answer_max"] is None and inst["answer_labels"] is None


def test_short_forms_are_their_long_forms_items():
    lib = library_by_id()
    assert lib["phq2"]["items"] == lib["phq9"]["items"][:2]
    assert lib["gad2"]["items"] == lib["gad7"]["items"][:2]
    long_texts = [item["text"] for item in lib["cesd20"]["items"]]
    assert [long_texts.index(item["text"]) + 1 for item in lib["cesd10"]["items"]] == [1, 5, 6, 7, 8, 10, 11, 12,
                                                                                      14, 20]
    long_texts = [item["text"] for item in lib["pss10"]["items"]]
    assert [long_texts.index(item["text"]) + 1 for item in lib["pss4"]["items"]] == [2, 4, 5, 10]


# pss4 and ucla3 were catalogue instruments before the library: their item ids (pss4_1, ...) are in stored
# answers and mappings, so their wording, labels, reversals and answer scale are pinned here as they were.
PINNED = {
    "pss4": dict(
        texts=["In the last month, how often have you " + t for t in (
            "felt that you were unable to control the important things in your life?",
            "felt confident about your ability to handle your personal problems?",
            "felt that things were going your way?",
            "felt difficulties were piling up so high that you could not overcome them?")],
        labels=["Unable to control important things", "Confident handling problems", "Things going your way",
                "Difficulties piling up"],
        reverse=[False, True, True, False],
        answers=(0, 4, ["Never", "Almost never", "Sometimes", "Fairly often", "Very often"]), score=(0, 16, False)),
    "ucla3": dict(
        texts=["How often do you feel " + t for t in ("that you lack companionship?", "left out?",
                                                      "isolated from others?")],
        labels=["Lack companionship", "Feel left out", "Feel isolated"],
        reverse=[False, False, False], answers=(1, 3, ["Hardly ever", "Some of the time", "Often"]),
        score=(3, 9, False)),
}


@pytest.mark.parametrize("instrument_id", sorted(PINNED))
def test_former_catalogue_instruments_unchanged(instrument_id):
    inst, pinned = library_by_id()[instrument_id], PINNED[instrument_id]
    assert inst["stem"] is None
    assert [item["text"] for item in inst["items"]] == pinned["texts"]
    assert [item["label"] for item in inst["items"]] == pinned["labels"]
    assert [item["reverse"] for item in inst["items"]] == pinned["reverse"]
    assert (inst["answer_min"], inst["answer_max"], inst["answer_labels"]) == pinned["answers"]
    assert (inst["score_min"], inst["score_max"], inst["higher_is_better"]) == pinned["score"]


def test_hand_scored_covers_every_instrument_with_items():
    assert set(HAND_SCORED) == set(ids(WITH_ITEMS))
    assert all(len(examples) == 2 for examples in HAND_SCORED.values())


@pytest.mark.parametrize("inst", WITH_ITEMS, ids=ids(WITH_ITEMS))
def test_hand_scored(inst):
    examples = HAND_SCORED[inst["instrument_id"]]
    lo, hi = inst["answer_min"], inst["answer_max"]
    for answers, expected in examples:
        assert len(answers) == len(inst["items"])
        assert all(lo <= a <= hi for a in answers)
        assert reference_score(inst, answers) == pytest.approx(expected)
        assert inst["score_min"] <= expected <= inst["score_max"]
    if any(item["reverse"] for item in inst["items"]):
        # at least one example where flipping the reversed items changes the score
        unflipped = dict(inst, items=[dict(item, reverse=False) for item in inst["items"]])
        assert any(reference_score(unflipped, a) != e for a, e in examples)


@pytest.mark.parametrize(("instrument_id", "score", "flagged"), [
    ("phq9", 10, True), ("phq9", 9, False), ("who5", 12, True), ("who5", 13, False),
    ("brs", 3.0, False), ("brs", 2.99, True), ("maslach_pa", 33, True), ("maslach_pa", 34, False),
    ("ucla3", 6, True), ("ucla3", 5, False), ("miniz_burnout", 3, True), ("miniz_burnout", 2, False),
])
def test_cutoff_sides(instrument_id, score, flagged):
    inst = library_by_id()[instrument_id]
    assert OPS[inst["cutoff_op"]](score, inst["cutoff"]) is flagged
