"""Comment themes (peers_dash.queries.themes): found by words on this server, counted from published comments."""
import pandas as pd

from peers_dash.queries.themes import NO_THEME, narrow, tally, themes_of, with_themes


def test_a_comment_belongs_to_each_theme_whose_words_it_uses_at_a_word_start_whatever_the_case_or_accents():
    assert themes_of("Sessions were too early in the morning after call.") == ["Time and scheduling"]
    assert themes_of("Our FACILITATORS made it feel safe") == ["Facilitators", "Safety and trust"]
    assert themes_of("Scheduling conflicts with clinic") == ["Time and scheduling"]
    assert themes_of("Café was good") == [NO_THEME]  # no theme word
    assert themes_of("the lifetime of a group") == ["The group and peers"]  # 'time' inside a word is not 'time'
    assert themes_of("Zoom fatigue") == ["Virtual or in person"]


def test_themes_are_counted_by_the_people_who_wrote_them_most_written_first_and_no_theme_last():
    comments = with_themes(pd.DataFrame({"comment": ["Loved the snacks", "Thank you", "Hmm", "more often please"],
                                         "n": [4, 7, 12, 5]}))
    counts = tally(comments)
    assert list(counts["theme"]) == ["Helpful, grateful", "How often groups meet", "Food", NO_THEME]
    assert list(counts["n_people"]) == [11, 5, 4, 12] and list(counts["n_comments"]) == [2, 1, 1, 1]


def test_a_theme_and_a_search_narrow_the_comments():
    comments = with_themes(pd.DataFrame({"comment": ["Loved the snacks", "Thank you", "Zoë's group"],
                                         "n": [4, 7, 5]}))
    assert list(narrow(comments, "Helpful, grateful")["comment"]) == ["Loved the snacks", "Thank you"]
    assert list(narrow(comments, "Helpful, grateful", "SNACK")["comment"]) == ["Loved the snacks"]
    assert list(narrow(comments, None, "zoe")["comment"]) == ["Zoë's group"]
    assert narrow(comments, "Food", "thank").empty


def test_the_support_page_shows_the_themes_and_a_search_narrows_the_comments(demo_db, monkeypatch):
    import json

    from streamlit.testing.v1 import AppTest

    from tests.conftest import _app_on
    from tests.test_app import APP

    env = _app_on(monkeypatch, demo_db)
    next(env)
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.switch_page("pages/support.py")
        at.query_params["support_more"] = "In their own words"
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
        assert "What the comments are about" in titles
        before = len(at.dataframe[-1].value)
        at.text_input(key="comment_search").set_value("facilitator").run()
        after = at.dataframe[-1].value
        assert 0 < len(after) < before and after["Comment"].str.contains("facilitator", case=False).all()
    finally:
        next(env, None)
