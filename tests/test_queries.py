"""Every query on the hand-made fixture (tests/fixture_db.py), against figures worked out by hand."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from peers_dash import lookups, queries
from peers_dash.filters import CohortFilter
from peers_dash.overview import headline
from peers_dash.privacy import PROTECTED, SHOWN, SMALL

ALL = CohortFilter()
MD = CohortFilter(programs=(1,))


def rows(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    out = []
    for rec in df[cols].itertuples(index=False):
        out.append(tuple(None if isinstance(v, float) and math.isnan(v) else v for v in rec))
    return out


def test_attendance_by_class_year_counts_people_not_rows_and_hides_the_tiny_fellowship(con):
    df = queries.attendance(con, ALL, ["class_year"], min_n=5)
    assert rows(df, ["class_year", "n_people", "n_present", "n_absent", "n_excused", "privacy"]) == [
        ("MS1", 20, 15, 3, 2, SHOWN),
        ("MS2", None, None, None, None, PROTECTED),  # the next smallest, so PGY4 = total - MS1 - MS2 fails
        ("PGY4", None, None, None, None, SMALL),
    ]
    ms1 = df.iloc[0]
    assert ms1["rate"] == pytest.approx(15 / 18)
    assert ms1["excused_share"] == pytest.approx(2 / 20)
    assert ms1["rate_lo"] < ms1["rate"] < ms1["rate_hi"]


def test_attendance_of_md_alone_shows_every_class_year(con):
    df = queries.attendance(con, MD, ["class_year"], min_n=5)
    assert rows(df, ["class_year", "n_people", "n_present", "n_absent", "privacy"]) == [
        ("MS1", 20, 15, 3, SHOWN),
        ("MS2", 12, 9, 3, SHOWN),
    ]
    assert df.iloc[1]["rate"] == pytest.approx(0.75)


def test_attendance_by_year_and_class_year_protects_every_margin(con):
    # 2019 total - 2019 MS1 = PGY4, MS1 total - 2020 MS1 = 2019 MS1, 2020 total - 2020 MS2 = 2020 MS1:
    # in this tiny school every cell must go.
    df = queries.attendance(con, ALL, ["year", "class_year"], min_n=5)
    assert rows(df, ["academic_year", "class_year", "n_people", "privacy"]) == [
        ("2019-20", "MS1", None, PROTECTED),
        ("2019-20", "PGY4", None, SMALL),
        ("2020-21", "MS1", None, PROTECTED),
        ("2020-21", "MS2", None, PROTECTED),
    ]
    md = queries.attendance(con, MD, ["year", "class_year"], min_n=5)
    assert rows(md, ["academic_year", "class_year", "n_people", "privacy"]) == [
        ("2019-20", "MS1", 12, SHOWN), ("2020-21", "MS1", 8, SHOWN), ("2020-21", "MS2", 12, SHOWN)]


def test_attendance_by_group_and_session_names_the_groups(con):
    df = queries.attendance(con, CohortFilter(cohorts=(10,)), ["group", "session_number"], min_n=5)
    assert rows(df, ["group", "session_number", "n_people", "n_present", "privacy"]) == [
        ("Group 01", 1, 6, 5, SHOWN),
        ("Group 01", 2, 6, 3, SHOWN),
        ("Group 02", 1, 6, 4, SHOWN),
        ("Group 02", 2, 6, 6, SHOWN),
    ]


def test_attendance_by_modality_filters_to_virtual_sessions(con):
    df = queries.attendance(con, CohortFilter(modalities=("virtual",)), ["modality"], min_n=5)
    assert rows(df, ["modality", "n_people", "n_present", "n_absent", "n_excused"]) == [("virtual", 20, 15, 4, 1)]


def test_reach_and_dose_per_cohort(con):
    df = queries.reach_dose(con, MD, ["cohort"], min_n=5)
    assert rows(df, ["cohort", "n_people", "n_reached", "privacy"]) == [
        ("MD Class of 2023", 12, 11, SHOWN),  # 12 never came to either session
        ("MD Class of 2024", 8, 6, SHOWN),
    ]
    assert df.iloc[0]["dose"] == pytest.approx((5 + 4 + 3 + 6) / 12)
    assert df.iloc[0]["reach"] == pytest.approx(11 / 12)


def test_survey_favourability_by_class_year_uses_top_two_boxes(con):
    df = queries.survey_items(con, MD, ["peers_space"], ["class_year"], min_n=5)
    assert rows(df, ["class_year", "n_people", "n_favorable", "n_rated", "privacy"]) == [
        ("MS1", 13, 8, 13, SHOWN),
        ("MS2", 6, 4, 6, SHOWN),
    ]
    assert df.iloc[1]["mean"] == pytest.approx(23 / 6)
    assert df.iloc[0]["short_label"] == "Space to talk about challenges"


def test_survey_ignores_group_and_modality_filters(con):
    narrowed = CohortFilter(programs=(1,), groups=(100,), modalities=("virtual",))
    pd.testing.assert_frame_equal(
        queries.survey_items(con, narrowed, ["peers_space"], ["class_year"], 5),
        queries.survey_items(con, MD, ["peers_space"], ["class_year"], 5),
    )


def test_survey_distribution_gives_each_answer_share_of_a_shown_cell(con):
    df = queries.survey_distribution(con, CohortFilter(cohorts=(10,), year_to=2019), ["peers_space"], ["year"], 5)
    assert rows(df, ["value", "n_answers", "n_people"]) == [(1.0, 1, 8), (2.0, 1, 8), (3.0, 1, 8), (4.0, 3, 8),
                                                            (5.0, 2, 8)]
    assert df["share"].sum() == pytest.approx(1.0)


def test_survey_distribution_keeps_one_empty_row_for_a_hidden_cell(con):
    df = queries.survey_distribution(con, CohortFilter(cohorts=(20,)), ["peers_space"], ["year"], 5)
    assert rows(df, ["academic_year", "value", "n_answers", "share", "privacy"]) == [
        ("2019-20", None, None, None, SMALL)]


def test_scale_scores_reverse_items_and_count_complete_responses_only(con):
    df = queries.scale_scores(con, MD, "pss4", ["class_year"], min_n=5)
    assert rows(df, ["class_year", "n_people", "privacy"]) == [("MS2", 5, SHOWN)]
    assert df.iloc[0]["mean"] == pytest.approx(8.4)
    assert df.iloc[0]["sd"] == pytest.approx(pd.Series([11, 0, 16, 6, 9]).std())
    assert df.iloc[0]["mean_lo"] < 8.4 < df.iloc[0]["mean_hi"]
    assert queries.scale_scores(con, MD, "pss4", ["class_year"], min_n=6)["privacy"].tolist() == [SMALL]


def test_group_continuity_follows_starting_members_into_later_years(con):
    df = queries.group_continuity(con, CohortFilter(cohorts=(10,)), min_n=5)
    assert rows(df, ["group", "academic_year", "program_year", "n_people", "n_attending", "privacy"]) == [
        ("Group 01", "2019-20", 1, 6, 5, SHOWN),
        ("Group 01", "2020-21", 2, 6, 3, SHOWN),
        ("Group 02", "2019-20", 1, 6, 4, SHOWN),
        ("Group 02", "2020-21", 2, 6, 6, SHOWN),
    ]
    assert list(queries.fading_groups(df, threshold=0.6)["group"]) == ["Group 01"]
    assert queries.fading_groups(df).empty


def test_completeness_counts_what_is_missing(con):
    assert dict(zip(*queries.completeness(con).to_dict("list").values())) == {
        "sessions held with no attendance loaded": 0, "survey waves with no responses": 0,
        "survey waves with no eligible population recorded": 0}


def test_response_rates_hide_cells_with_few_respondents(con):
    df = queries.response_rates(con, ALL, ["year", "cohort"], min_n=5)
    assert rows(df, ["academic_year", "cohort", "n_eligible", "n_responded", "privacy"]) == [
        ("2019-20", "MD Class of 2023", None, None, PROTECTED),
        ("2019-20", "Tiny Fellowship Class of 2021", None, None, SMALL),
        ("2020-21", "MD Class of 2023", None, None, PROTECTED),  # else the cohort's total gives 2019 away
        ("2020-21", "MD Class of 2024", None, None, PROTECTED),  # else the 2020 total gives the one above
    ]
    md = queries.response_rates(con, MD, ["year", "cohort"], min_n=5)
    assert rows(md, ["academic_year", "cohort", "n_eligible", "n_responded", "privacy"]) == [
        ("2019-20", "MD Class of 2023", 12, 8, SHOWN),
        ("2020-21", "MD Class of 2023", 12, 6, SHOWN),
        ("2020-21", "MD Class of 2024", 8, 5, SHOWN),
    ]


def test_item_trend_reports_a_change_only_when_its_interval_excludes_zero(con):
    df = queries.item_trend(con, MD, "peers_space", [], min_n=5)
    assert list(df["academic_year"]) == ["2019-20", "2020-21"]
    second = df.iloc[1]
    assert second["change"] == pytest.approx(7 / 11 - 5 / 8)
    assert second["change_lo"] < 0 < second["change_hi"]
    assert not second["changed"] and math.isnan(df.iloc[0]["change"])


def test_headline_reports_the_latest_complete_year_against_the_one_before(con):
    year, metrics = headline(con, ALL, 5, today=date(2026, 1, 1))
    by_label = {m.label: m for m in metrics}
    assert year == 2020
    assert by_label["Trainees attending"].value == 20 and by_label["Trainees attending"].previous == 15
    assert by_label["Sessions held"].value == 3
    assert by_label["Attendance rate"].value == pytest.approx(15 / 19)
    assert by_label["Survey response rate"].value == pytest.approx(11 / 20)


def test_headline_hides_every_figure_of_a_tiny_cohort(con):
    year, metrics = headline(con, CohortFilter(cohorts=(20,)), 5, today=date(2026, 1, 1))
    assert year == 2019
    assert all(m.value is None and m.hidden == SMALL for m in metrics if m.label != "Survey response rate")


def test_lookups_cascade_from_programs_to_cohorts_and_groups(con):
    assert list(lookups.cohorts(con, program_ids=[2])["name"]) == ["Tiny Fellowship Class of 2021"]
    assert list(lookups.groups(con, [10])["group_id"]) == [100, 101]
    assert lookups.class_years(con) == ["MS1", "MS2", "PGY4"]
    assert lookups.academic_years(con) == [2019, 2020]


def test_filter_description_uses_names(con):
    filt = CohortFilter(programs=(1,), cohorts=(11,), year_from=2020, year_to=2020)
    assert filt.describe(lookups.labeller(con, filt)) == "MD; MD Class of 2024; 2020-21"
