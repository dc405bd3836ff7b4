"""CohortFilter: SQL fragment, bound parameters, plain words."""
from __future__ import annotations

from peers_dash.filters import CohortFilter


def test_an_empty_filter_selects_everything_without_parameters():
    assert CohortFilter().where() == ("TRUE", {})
    assert CohortFilter().describe() == "everyone"


def test_each_dimension_becomes_a_bound_list_parameter():
    filt = CohortFilter(programs=(1, 2), class_years=("MS1",), year_from=2019, year_to=2021, groups=(7,),
                        modalities=("virtual",))
    sql, params = filt.where("attendance")
    assert sql == ("list_contains($f_programs, program_id) AND list_contains($f_class_years, class_year) AND "
                   "list_contains($f_groups, group_id) AND list_contains($f_modalities, modality) AND "
                   "ay >= $f_year_from AND ay <= $f_year_to")
    assert params == {"f_programs": [1, 2], "f_class_years": ["MS1"], "f_groups": [7], "f_modalities": ["virtual"],
                      "f_year_from": 2019, "f_year_to": 2021}


def test_survey_fragment_leaves_out_group_and_modality():
    filt = CohortFilter(cohorts=(3,), groups=(7,), modalities=("virtual",))
    assert filt.where("survey") == ("list_contains($f_cohorts, cohort_id)", {"f_cohorts": [3]})
    assert filt.ignored_for_survey() == ["group", "modality"]


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
    assert CohortFilter(year_from=2020).describe() == "2020-21 onward"


def test_filters_are_hashable_and_lists_become_tuples():
    a, b = CohortFilter(programs=[1, 2]), CohortFilter(programs=(1, 2))
    assert a == b and hash(a) == hash(b)
    assert a.without("programs") == CohortFilter()
    assert CohortFilter(year_from=2019, cohorts=(1,)).active() == ["cohorts", "years"]
