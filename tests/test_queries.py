"""Every query on the hand-made fixture (tests/fixture_db.py), against figures worked out by hand.

What the fixture publishes (N = 5): every MD session (6 to 8 people each) but not the three-person
fellowship's; to every role, the MD Class of 2023's sessions (two groups each time), but not the Class of 2024's
(a single group, alone in its program's virtual 2020-21 cell); the Class of 2023's survey answers per class year
with the attendance bands combined (each band alone is under 5); not the Class of 2024's (a single group: its
figures would be one group's) nor the fellowship's two answers.
"""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from peers_dash import queries
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import lookups
from peers_dash.queries.overview import headline

ALL = CohortFilter()
MD = CohortFilter(programs=(1,))


def rows(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    out = []
    for rec in df[cols].itertuples(index=False):
        out.append(tuple(None if isinstance(v, float) and math.isnan(v) else v for v in rec))
    return out


def test_attendance_by_class_year_adds_up_published_cells_only(con):
    df = queries.attendance(con, ALL, ["class_year"])
    assert rows(df, ["class_year", "n_people", "n_expected", "n_present", "n_absent", "n_excused"]) == [
        ("MS1", 12, 12, 9, 2, 1),   # the Class of 2023's two groups in 2019-20; the Class of 2024 (one group) is out
        ("MS2", 12, 12, 9, 3, 0),
    ]
    ms1 = df.iloc[0]
    assert ms1["rate"] == pytest.approx(9 / 11)
    assert ms1["excused_share"] == pytest.approx(1 / 12)
    assert ms1["rate_lo"] < ms1["rate"] < ms1["rate_hi"]


def test_a_view_of_a_single_group_or_a_small_session_shows_a_viewer_nothing(con):
    assert queries.attendance(con, CohortFilter(cohorts=(11,)), ["class_year"]).empty   # one group
    assert queries.attendance(con, CohortFilter(programs=(2,)), []).empty                # three people
    assert queries.reach(con, CohortFilter(cohorts=(11,)), []).empty


def test_analysts_group_views_read_single_groups_sessions(con):
    df = queries.attendance(con, CohortFilter(cohorts=(10,)), ["group", "session_number"])
    assert rows(df, ["group", "session_number", "n_expected", "n_present"]) == [
        ("Group 01", 1, 6, 5),
        ("Group 01", 2, 6, 3),
        ("Group 02", 1, 6, 4),
        ("Group 02", 2, 6, 6),
    ]
    lone = queries.attendance(con, CohortFilter(cohorts=(11,), groups=(110,)), ["group"])
    assert rows(lone, ["group", "n_present", "n_absent", "n_excused"]) == [("Group 01", 6, 1, 1)]
    assert queries.attendance(con, CohortFilter(programs=(2,), groups=(200,)), ["group"]).empty  # 3 people


def test_attendance_by_modality_has_no_people_count(con):
    df = queries.attendance(con, CohortFilter(modalities=("virtual",)), ["modality"])
    assert rows(df, ["modality", "n_present", "n_absent", "n_excused"]) == [("virtual", 9, 3, 0)]
    assert "n_people" not in df.columns  # people are counted across formats
    assert queries.reach(con, CohortFilter(modalities=("virtual",)), []).empty


def test_reach_counts_each_person_once_a_year(con):
    df = queries.reach(con, MD, ["cohort"])
    assert rows(df, ["cohort", "n_people", "n_reached", "n_groups"]) == [("MD Class of 2023", 24, 18, 4)]
    assert df.iloc[0]["reach"] == pytest.approx(18 / 24)
    by_year = queries.reach(con, MD, ["year"])
    assert rows(by_year, ["academic_year", "n_people", "n_reached"]) == [("2019-20", 12, 9), ("2020-21", 12, 9)]


def test_survey_favourability_by_class_year_uses_top_two_boxes(con):
    df = queries.survey_items(con, MD, ["peers_space"], ["class_year"])
    assert rows(df, ["class_year", "n_responses", "n_favorable", "n_rated"]) == [
        ("MS1", 8, 5, 8),   # the Class of 2024's five MS1 answers are one group's: left out
        ("MS2", 6, 4, 6),
    ]
    assert df.iloc[1]["mean"] == pytest.approx(23 / 6)
    assert df.iloc[0]["short_label"] == "Space to talk about challenges"
    assert queries.survey_items(con, CohortFilter(programs=(2,)), ["peers_space"], []).empty


def test_small_attendance_bands_are_combined_with_their_class_never_left_out_alone(con):
    # each band alone has fewer than 5 answers: leaving the small one out would show 5 of 5 favourable
    df = queries.survey_items(con, CohortFilter(cohorts=(10,), year_to=2019), ["peers_space"], ["attendance_band"])
    assert rows(df, ["attendance_band", "n_responses", "n_favorable"]) == [(queries.COMBINED, 8, 5)]


def test_survey_ignores_group_and_modality_filters(con):
    narrowed = CohortFilter(programs=(1,), groups=(100,), modalities=("virtual",))
    pd.testing.assert_frame_equal(
        queries.survey_items(con, narrowed, ["peers_space"], ["class_year"]),
        queries.survey_items(con, MD, ["peers_space"], ["class_year"]),
    )


def test_survey_distribution_gives_each_answer_share(con):
    df = queries.survey_distribution(con, CohortFilter(cohorts=(10,), year_to=2019), ["peers_space"], ["year"])
    assert rows(df, ["value", "n_answers", "n_responses"]) == [(1.0, 1, 8), (2.0, 1, 8), (3.0, 1, 8), (4.0, 3, 8),
                                                              (5.0, 2, 8)]
    assert df["share"].sum() == pytest.approx(1.0)


def test_scale_scores_reverse_items_and_count_complete_responses_only(con):
    df = queries.scale_scores(con, MD, "pss4", ["class_year"])
    assert rows(df, ["class_year", "n_responses"]) == [("MS2", 5)]
    assert df.iloc[0]["mean"] == pytest.approx(8.4)
    assert df.iloc[0]["sd"] == pytest.approx(pd.Series([11, 0, 16, 6, 9]).std())
    assert df.iloc[0]["mean_lo"] < 8.4 < df.iloc[0]["mean_hi"]


def test_group_continuity_follows_starting_members_into_later_years(con):
    df = queries.group_continuity(con, CohortFilter(cohorts=(10,)))
    assert rows(df, ["group", "academic_year", "program_year", "n_people", "n_attending"]) == [
        ("Group 01", "2019-20", 1, 6, 5),
        ("Group 01", "2020-21", 2, 6, 3),
        ("Group 02", "2019-20", 1, 6, 4),
        ("Group 02", "2020-21", 2, 6, 6),
    ]
    assert list(queries.fading_groups(df, threshold=0.6)["group"]) == ["Group 01"]
    assert queries.fading_groups(df).empty


def test_completeness_counts_what_is_missing(con):
    assert dict(zip(*queries.completeness(con).to_dict("list").values())) == {
        "sessions held with no attendance loaded": 0, "survey waves with no responses": 0,
        "survey waves with no eligible population recorded": 0,
        "published figures keeping earlier numbers until enough people change (privacy)": 0}


def test_response_rates_leave_out_cohorts_with_few_respondents(con):
    df = queries.response_rates(con, ALL, ["year", "cohort"])
    assert rows(df, ["academic_year", "cohort", "n_eligible", "n_responded"]) == [
        ("2019-20", "MD Class of 2023", 12, 8),   # the fellowship (2 of 3) is left out, not hidden in place
        ("2020-21", "MD Class of 2023", 12, 6),  # the Class of 2024 is a single group: left out
    ]


def test_item_trend_reports_a_change_only_when_its_interval_excludes_zero(con):
    df = queries.item_trend(con, MD, "peers_space", [])
    assert list(df["academic_year"]) == ["2019-20", "2020-21"]
    second = df.iloc[1]
    assert second["change"] == pytest.approx(4 / 6 - 5 / 8)
    assert second["change_lo"] < 0 < second["change_hi"]
    assert not second["changed"] and math.isnan(df.iloc[0]["change"])


def test_headline_reports_the_latest_complete_year_against_the_one_before(con):
    year, metrics = headline(con, ALL, 5, today=date(2026, 1, 1))
    by_label = {m.label: m for m in metrics}
    assert year == 2020
    assert by_label["Trainees who came"].value == 9 and by_label["Trainees who came"].change == 0
    assert by_label["PEERS groups"].value == 2
    assert by_label["Sessions held"].value == 2
    assert by_label["Attendance rate"].value == pytest.approx(9 / 12)
    assert by_label["Survey response rate"].value == pytest.approx(6 / 12)
    assert by_label["Feel their group is a space to talk"].value == pytest.approx(4 / 6)


def test_headline_shows_no_change_in_people_smaller_than_the_minimum(con):
    from peers_dash.queries.overview import _count

    df = pd.DataFrame({"n_reached": [40, 43]}, index=[2019, 2020])
    small = _count("Trainees who came", df, "n_reached", 2020, 5, partial=False)
    assert small.value == 43 and small.change is None and "fewer than 5" in small.note
    big = _count("Trainees who came", df.assign(n_reached=[40, 46]), "n_reached", 2020, 5, partial=False)
    assert big.change == 6
    # ten weeks into a year, its count is to date: never compared with a whole year (it would read as a fall)
    running = _count("Trainees who came", df.assign(n_reached=[40, 12]), "n_reached", 2020, 5, partial=True)
    assert running.value == 12 and running.change is None and "under way" in running.note


def test_headline_of_a_tiny_cohort_has_no_year(con):
    assert headline(con, CohortFilter(cohorts=(20,)), 5, today=date(2026, 1, 1)) == (None, [])


def test_left_out_is_counted_per_program_and_year_and_rounded_down_to_tens(con, demo_db):
    from peers_dash.store.db import open_readonly

    # the fixture leaves out 8 + 3 person-years and 5 + 2 respondents: under ten in every program and year
    assert queries.left_out(con, ALL, "attendance") == 0 and queries.left_out(con, ALL, "survey") == 0
    demo = open_readonly(demo_db)
    try:
        rows = demo.execute("""
            SELECT l.n, r.n - coalesce(p.n, 0) AS exact FROM pub_left_out l
            JOIN (SELECT program_id, ay, count(*) AS n FROM person_year GROUP BY ALL) r USING (program_id, ay)
            LEFT JOIN (SELECT program_id, ay, sum(n_people) AS n FROM pub_att_people GROUP BY ALL) p
                   USING (program_id, ay)
            WHERE l.kind = 'attendance'""").fetchall()
        assert rows and all(n % 10 == 0 and exact - 10 < n <= exact for n, exact in rows)
        total = queries.left_out(demo, CohortFilter(), "attendance")
        assert total == sum(n for n, _ in rows)
        # finer filters do not narrow it: it is said for the programs and years in view
        assert queries.left_out(demo, CohortFilter(class_years=("MS1",)), "attendance") == total
    finally:
        demo.close()


def test_lookups_cascade_from_programs_to_cohorts_and_groups(con):
    cohorts = lookups.options(con, "cohort", CohortFilter(programs=(2,)))
    assert list(cohorts["label"]) == ["Tiny Fellowship Class of 2021"]
    assert list(lookups.options(con, "group", CohortFilter(cohorts=(10,)))["value"]) == [100, 101]
    # class years with published figures only: the fixture's PGY4 is one group, never shown
    assert list(lookups.options(con, "class_year", CohortFilter())["value"]) == ["MS1", "MS2"]
    assert list(lookups.options(con, "year", CohortFilter())["label"]) == ["2019-20", "2020-21"]
    assert list(lookups.options(con, "modality", CohortFilter())["label"]) == ["in person", "virtual", "hybrid"]


def test_filter_description_uses_names(con):
    filt = CohortFilter(programs=(1,), cohorts=(11,), year_from=2020, year_to=2020)
    assert filt.describe(lookups.labeller(con, filt)) == "MD; MD Class of 2024; 2020-21"


def test_group_continuity_counts_people_across_formats_whatever_the_format_filter(con):
    everyone = queries.group_continuity(con, CohortFilter(cohorts=(10,)))
    virtual = queries.group_continuity(con, CohortFilter(cohorts=(10,), modalities=("virtual",)))
    assert len(everyone) and everyone.equals(virtual)


def test_topics_come_in_curriculum_order_not_alphabetical(demo_db):
    from peers_dash.store.db import open_readonly

    con = open_readonly(demo_db)
    try:
        df = queries.attendance(con, ALL, ["topic"])
        first = dict(con.execute("SELECT topic, min(session_number) FROM sessions GROUP BY topic").fetchall())
    finally:
        con.close()
    topics = [t for t in df["topic"] if t in first]
    assert len(topics) >= 5 and topics == sorted(topics, key=first.get) and topics != sorted(topics)
