"""What pages say about protection, the table behind a chart, and text from outside shown as text."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from peers_dash import escape
from peers_dash.privacy import about, left_out_note, present


def test_left_out_counts_are_never_exact_small_numbers():
    assert about(0, 5) == ""
    assert [about(n, 5) for n in (1, 4)] == ["fewer than 5", "fewer than 5"]
    assert [about(n, 5) for n in (5, 7, 8, 12, 13, 1234)] == ["about 5", "about 5", "about 10", "about 10",
                                                              "about 15", "about 1,235"]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5000), st.integers(0, 5000), st.integers(3, 11))
def test_two_rounded_left_out_counts_never_reveal_a_difference_under_the_minimum_exactly(a, b, n):
    # whatever two views show, the words are consistent with at least two different true differences
    words_a, words_b = about(a, n), about(b, n)
    same_a = [x for x in range(max(0, a - 2 * n), a + 2 * n) if about(x, n) == words_a]
    same_b = [x for x in range(max(0, b - 2 * n), b + 2 * n) if about(x, n) == words_b]
    if a and b:
        assert len({x - y for x in same_a for y in same_b}) >= 2


def test_the_note_on_what_is_left_out_rounds_people_and_names_the_records():
    note = left_out_note({"people": 23, "records_share": 0.031}, 5, "attendance")
    assert "about 25 people" in note and "about 3% of attendance records" in note
    assert left_out_note({"people": 0, "records_share": 0.0}, 5, "attendance") == ""
    assert "fewer than 5" in left_out_note({"answers": 3}, 5, "survey")


def test_the_table_behind_a_chart_formats_for_the_screen_and_keeps_numbers_for_a_spreadsheet():
    df = pd.DataFrame({"cell": ["a", "b"], "n": [40, 1234], "rate": [0.634, 0.9]})
    table = present(df, {"cell": "Cell", "n": "People", "rate": "Rate", "missing": "Not there"}, percent=["rate"],
                    for_screen=True)
    assert list(table.columns) == ["Cell", "People", "Rate"]
    assert list(table["People"]) == ["40", "1,234"] and table["Rate"][0] == "63%"
    raw = present(df, {"cell": "Cell", "rate": "Rate"})
    assert raw["Rate"][1] == 0.9


def test_markdown_from_outside_becomes_literal_text():
    hostile = "[Click here](https://evil.example) ![x](https://evil.example/p.png) **bold** <b>x</b> $x$ # H"
    text = escape.markdown(hostile)
    for live in ("](", "![", "**", "<b>", "$x$"):
        assert live not in text
    assert text.replace("\\", "").replace("\u200b", "") == hostile  # nothing is lost, only escaped
    # Markdown turns a bare web or e-mail address into a link even when escaped: an invisible space stops it
    assert "https\\:\u200b\\/\\/" in escape.markdown("https://evil.example")
    assert "\u200b\\@" in escape.markdown("a@evil.example") and "www\u200b\\." in escape.markdown("www.evil.example")
    assert "\n" not in escape.markdown("line one\n# heading\n- item")


def test_plotly_text_from_outside_cannot_make_a_link():
    assert escape.plotly('<a href="https://evil.example">x</a>') == '&lt;a href="https://evil.example"&gt;x&lt;/a&gt;'
    assert escape.plotly("A & B") == "A &amp; B"
