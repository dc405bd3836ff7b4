"""Program changes (peers_dash.queries.changes): recorded by an administrator, marked on every trend, and the years
before a change compared with the years from it on."""
import shutil
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from peers_dash import PeersError
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import changes, measures, stats
from peers_dash.store.db import open_readonly, read_meta
from tests.conftest import _app_on
from tests.test_app import APP


def _trend(ays, k, n, means=None, sds=None):
    return pd.DataFrame({"ay": ays, "n_share": k, "n_responses": n, "mean": means or [0.0] * len(ays),
                         "sd": sds or [1.0] * len(ays)})


def test_before_and_after_pool_the_yearly_counts_and_call_a_change_only_beyond_chance():
    df = _trend([2019, 2020, 2021, 2022], [30, 40, 70, 80], [100, 100, 100, 100])
    ba = changes.before_after(df, 2021, "share", higher_is_better=True)
    assert (ba.before, ba.after, ba.n_before, ba.n_after) == (0.35, 0.75, 200, 200)
    assert (ba.difference, ba.lo, ba.hi) == pytest.approx(stats.newcombe_diff(70, 200, 150, 200))
    assert ba.real and ba.better is True and ba.years_before == "2019-20 to 2020-21"
    worse = changes.before_after(df, 2021, "share", higher_is_better=False)
    assert worse.real and worse.better is False  # the measure's own direction: more is worse here
    flat = changes.before_after(_trend([2019, 2020], [50, 52], [100, 100]), 2020, "share", True)
    assert not flat.real and flat.better is None
    assert changes.before_after(df, 2019, "share", True) is None  # nothing before it in view


def test_means_before_and_after_pool_each_years_n_mean_and_spread():
    df = _trend([2019, 2020, 2021], [0, 0, 0], [50, 50, 100], means=[6.0, 8.0, 5.0], sds=[2.0, 2.0, 2.0])
    ba = changes.before_after(df, 2021, "mean", higher_is_better=False)
    # 100 answers before: mean 7, spread from within (2 each) and between (6 and 8) the years
    pooled_sd = ((49 * 4 + 49 * 4 + 50 * 1 + 50 * 1) / 99) ** 0.5
    assert ba.before == pytest.approx(7.0) and ba.after == pytest.approx(5.0)
    assert (ba.difference, ba.lo, ba.hi) == pytest.approx(stats.welch_diff(7.0, pooled_sd, 100, 5.0, 2.0, 100))
    assert ba.real and ba.better is True  # stress fell


def test_a_change_is_recorded_as_a_new_data_version_and_is_refused_without_words_or_in_the_future(fixture_path,
                                                                                                 tmp_path):
    db = tmp_path / "peers.duckdb"
    shutil.copy(fixture_path, db)
    before = int(read_meta(open_readonly(db))["data_version"])
    first = changes.record(db, date(2020, 1, 15), "  Sessions   moved to Zoom ", "dean@school.edu", program_id=1)
    con = open_readonly(db)
    assert int(read_meta(con)["data_version"]) == before + 1
    found = changes.in_view(con, CohortFilter())
    assert list(found["words"]) == ["Sessions moved to Zoom"] and list(found["ay"]) == [2019]
    assert changes.in_view(con, CohortFilter(programs=(1,)))["change_id"].tolist() == [first]
    assert changes.in_view(con, CohortFilter(programs=(2,))).empty  # another program's view does not show it
    con.close()
    for when, words in ((date(2020, 1, 1), "   "), (date(2999, 1, 1), "Later")):
        with pytest.raises(PeersError):
            changes.record(db, when, words, "dean@school.edu")
    changes.remove(db, first)
    assert changes.in_view(open_readonly(db), CohortFilter()).empty


@pytest.fixture
def demo_env(monkeypatch, demo_db):
    yield from _app_on(monkeypatch, demo_db)


def test_the_trends_page_marks_the_demos_changes_and_compares_before_and_after(demo_env, demo_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/trends.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(h.value == "Program changes" for h in at.header)
    said = " ".join(m.value for m in at.markdown)
    assert "**Sessions moved to Zoom**" in said and "**New MS1 curriculum**" in said
    con = open_readonly(demo_db)
    m = measures.measure_of(con, "item:peers_space")
    trend = measures.trend(con, CohortFilter(), m, [], "share")
    ba = changes.before_after(trend, 2022, "share", m.share_good)
    con.close()
    assert f"**{round(ba.after * 100)}%**" in said  # the page says the figure the module computes


def test_an_administrator_records_a_change_on_the_import_page_and_trends_compare_around_it(office_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/import.py")
    at.run()
    at.date_input[0].set_value(date(2020, 1, 15))
    next(t for t in at.text_input if t.label == "What changed").set_value("Sessions moved to Zoom")
    next(b for b in at.button if b.label == "Record the change").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    found = changes.in_view(open_readonly(office_db), CohortFilter())
    assert list(found["words"]) == ["Sessions moved to Zoom"] and list(found["ay"]) == [2019]
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/trends.py")
    at.run()
    assert "**Sessions moved to Zoom**" in " ".join(m.value for m in at.markdown)


def test_a_change_to_one_schools_program_is_never_listed_to_another_school(system_db, tmp_path):
    db = tmp_path / "system.duckdb"
    shutil.copy(system_db, db)
    con = open_readonly(db)
    (a_program, a_school), (_, b_school) = con.execute(
        "SELECT min(program_id), institution_id FROM programs GROUP BY institution_id ORDER BY 2 LIMIT 2").fetchall()
    con.close()
    changes.record(db, date(2022, 8, 1), "New curriculum at A", "lead@consortium.org", program_id=a_program)
    changes.record(db, date(2021, 8, 1), "Every school moves online", "lead@consortium.org")
    con = open_readonly(db)
    seen_by_b = changes.in_view(con, CohortFilter(institutions=(b_school,)))["words"].tolist()
    seen_by_a = changes.in_view(con, CohortFilter(institutions=(a_school,)))["words"].tolist()
    con.close()
    assert "Every school moves online" in seen_by_b and "New curriculum at A" not in seen_by_b
    assert {"Every school moves online", "New curriculum at A"} <= set(seen_by_a)
