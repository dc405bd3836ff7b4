"""CohortFilter: SQL fragment, bound parameters, plain words."""
from __future__ import annotations

from peers_dash.model.filters import CohortFilter


def test_an_empty_filter_selects_everything_without_parameters():
    assert CohortFilter().where() == ("TRUE", {})
    assert CohortFilter().describe() == "everyone"


def test_each_dimension_becomes_a_bound_list_parameter():
    filt = CohortFilter(programs=(1, 2), class_years=("MS1",), year_from=2019, year_to=2021, groups=(7,),
                        modalities=("virtual",))
    sql, params = filt.where("attendance")
    assert sql == ("list_contains($f_programs, program_id) AND list_contains($f_class_years, class_year) AND "
                   "list_contains($f_modalities, modality) AND list_contains($f_groups, group_id) AND "
                   "ay >= $f_year_from AND ay <= $f_year_to")
    assert params == {"f_programs": [1, 2], "f_class_years": ["MS1"], "f_groups": [7], "f_modalities": ["virtual"],
                      "f_year_from": 2019, "f_year_to": 2021}


def test_survey_fragment_leaves_out_group_and_modality():
    filt = CohortFilter(cohorts=(3,), groups=(7,), modalities=("virtual",))
    assert filt.where("survey") == ("list_contains($f_cohorts, cohort_id)", {"f_cohorts": [3]})
    assert filt.ignored_for_survey() == ["session format", "group"]


def test_a_hostile_value_stays_a_parameter_and_never_reaches_the_sql_text():
    evil = "MS1'); DROP TABLE attendance; --"
    sql, params = CohortFilter(class_years=(evil,)).where()
    assert evil not in sql and params["f_class_years"] == [evil]


def test_description_names_values_and_the_year_range():
    names = {("programs", 1): "MD", ("cohorts", 4): "MD Class of 2024"}
    filt = CohortFilter(programs=(1,), cohorts=(4,), class_years=("MS1", "MS2"), year_from=2019, year_to=2022,
                        modalities=("in_person",))
    text = filt.describe(lambda field, value: names[(field, value)])
    assert text == "MD; MD Class of 2024; MS1, MS2; 2019-20 to 2022-23; in person"
    assert CohortFilter(year_from=2020).describe() == "everyone, 2020-21 onward"  # only years: says who too


def test_pages_open_on_the_latest_complete_year_and_the_year_under_way_says_to_date():
    from datetime import date

    from peers_dash.model.filters import default_year, running_year, year_label

    today = date(2026, 12, 2)
    assert running_year(today) == 2026 and running_year(date(2026, 6, 30)) == 2025
    assert default_year([2023, 2024, 2025, 2026], today) == 2025  # 2026-27 is ten weeks old
    assert default_year([2026], today) == 2026                      # a program in its first year
    assert default_year([2022, 2023], date(2024, 7, 1)) == 2023     # the day 2023-24 is complete
    assert default_year([2022, 2023], date(2024, 6, 30)) == 2022
    assert default_year([], today) is None
    assert year_label(2026, today) == "2026-27 (to date)" and year_label(2025, today) == "2025-26"
    assert CohortFilter(year_from=2026, year_to=2026).describe().endswith("(to date)") == (
        running_year() <= 2026)


def test_filters_are_hashable_and_lists_become_tuples():
    a, b = CohortFilter(programs=[1, 2]), CohortFilter(programs=(1, 2))
    assert a == b and hash(a) == hash(b)
    assert a.without("programs") == CohortFilter()
    assert CohortFilter(year_from=2019, cohorts=(1,)).active() == ["cohorts", "years"]


def test_program_kind_is_a_filter_with_words():
    filt = CohortFilter(program_kinds=("residency",))
    assert filt.where("survey") == ("list_contains($f_program_kinds, program_kind)", {"f_program_kinds": ["residency"]})
    assert filt.describe() == "Residency"


def test_within_narrows_to_the_institutions_a_person_may_see_and_never_widens():
    assert CohortFilter().within(None) == CohortFilter()
    assert CohortFilter().within((3,)).institutions == (3,)
    assert CohortFilter(institutions=(3, 4)).within((3,)).institutions == (3,)
    assert CohortFilter(institutions=(4,)).within((3, 5)).institutions == (3, 5)  # another school: never shown


def test_the_consortium_filter_drops_what_belongs_to_one_institution():
    filt = CohortFilter(institutions=(3,), programs=(9,), cohorts=(2,), groups=(1,), class_years=("PGY1",),
                        year_from=2022, modalities=("virtual",))
    wide = filt.consortium(program_kinds=("residency",))
    assert wide == CohortFilter(program_kinds=("residency",), class_years=("PGY1",), year_from=2022,
                                modalities=("virtual",), across=3)
    assert filt.consortium(own=2).across == 4  # a person who sees two schools: two more besides theirs
    assert wide.where()[1]["c_min_inst"] == 3 and "n_inst >= $c_min_inst" in wide.where()[0]
