"""What pages say about protection, the table behind a chart, and text from outside shown as text."""
from __future__ import annotations

import pandas as pd

from peers_dash.privacy import escape
from peers_dash.privacy import left_out_note, present


def test_the_note_on_what_is_left_out_never_gives_an_exact_small_number():
    note = left_out_note(30, 5, "attendance")
    assert "about 30 people" in note and "fewer than 5 people" in note
    assert "fewer than 10 survey respondents in each program and year" in left_out_note(0, 5, "survey")


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
