"""Privacy by construction, attacked: on a hostile school (tests/hostile_school.py) and four data versions,
random pairs and chains of views (any filter, any breakdown of any page or extract, any version) never
differ by a figure of 1 to N-1 people, and no figure a viewer sees covers a single group.

How: for each view the app's own query functions give the figures; an independent oracle
(tests/privacy_oracle.py) lists the units (attendance records, person-years, answers, scores, responses,
comments, each with the real person behind it) of the published cells the view covers. The tests check
that every figure is exactly the sum of those units, and that any signed sum of views leaves either nothing
or units of at least N different people.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peers_dash import queries
from peers_dash.model.filters import CohortFilter
from tests.privacy_oracle import N, assert_safe, evaluate

COMMENT_N = 10


# ---- views ---------------------------------------------------------------------------------------------------
ATT_BY = [[], ["class_year"], ["program"], ["year"], ["session_number"], ["topic"], ["modality"], ["cohort"],
          ["institution"], ["year", "class_year"], ["year", "program", "session_number"], ["program", "year"]]
GROUP_BY = [["group", "session_number"], ["group"], ["group", "year"]]
PEOPLE_BY = [[], ["class_year"], ["program"], ["year"], ["cohort"], ["year", "program", "class_year"]]
SURVEY_BY = [[], ["class_year"], ["program"], ["attendance_band"], ["year"], ["cohort"], ["program", "class_year"],
             ["year", "program", "class_year"]]


def filters(group_level: bool) -> st.SearchStrategy[CohortFilter]:
    def some(values, most=2):
        return st.lists(st.sampled_from(values), max_size=most, unique=True).map(tuple)

    years = st.sampled_from([(None, None), (2019, 2019), (2020, 2021), (2019, 2020), (2021, None), (None, 2020)])
    return st.builds(
        lambda programs, cohorts, class_years, yr, groups, modalities: CohortFilter(
            programs=programs, cohorts=cohorts, class_years=class_years, year_from=yr[0], year_to=yr[1],
            groups=groups if group_level else (), modalities=modalities),
        some([1, 2, 3, 4]), some([10, 11, 20, 21, 30, 40], 1),
        some(["MS1", "MS2", "MS3", "PGY1", "PGY2", "PGY3", "PGY4", "G1", "G2"]), years,
        some(list(range(1, 11)), 1), some(["in_person", "virtual", "hybrid"], 1))


FAMILIES = ["att", "att_group", "people", "answer", "feedback", "score", "response", "comment"]


@st.composite
def views(draw, versions, families=tuple(FAMILIES)):
    version = draw(st.sampled_from(versions))
    family = draw(st.sampled_from(list(families)))
    by = {"att": ATT_BY, "att_group": GROUP_BY, "people": PEOPLE_BY + [["group"]], "comment": [[]],
          "response": [b for b in SURVEY_BY if "attendance_band" not in b]}.get(family, SURVEY_BY)
    return version, family, draw(st.sampled_from(by)), draw(filters(family in ("att_group", "people")))


# ---- the properties ---------------------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_figure_is_a_sum_of_published_cells_and_two_views_never_differ_by_a_few_people(world, data):
    versions = sorted(world)
    a = data.draw(views(versions))
    b = data.draw(views(versions, ("att", "att_group") if a[1] in ("att", "att_group") else (a[1],)))
    rows_a, rows_b = evaluate(world, a), evaluate(world, b)
    if not rows_a or not rows_b:
        return
    ua, viewer_a = rows_a[data.draw(st.integers(0, len(rows_a) - 1))]
    ub, viewer_b = rows_b[data.draw(st.integers(0, len(rows_b) - 1))]
    assert_safe([(1, ua), (-1, ub)], a[0] == b[0] and viewer_a and viewer_b)
    # every row alone, and a row against the whole view it belongs to
    for units, _ in rows_a:
        assert units["person"].nunique() >= N
    whole = pd.concat([u for u, _ in rows_a], ignore_index=True)
    assert_safe([(1, whole), (-1, ua)], a[0] == b[0] and viewer_a)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_chains_of_views_across_versions_leave_nobody_or_at_least_n_people(world, data):
    versions = sorted(world)
    family = data.draw(st.sampled_from(["att", "people", "answer", "score", "response"]))
    terms = []
    for _ in range(data.draw(st.integers(3, 5))):
        view = data.draw(views(versions, (family,)))
        rows = evaluate(world, view)
        if rows:
            units, _ = rows[data.draw(st.integers(0, len(rows) - 1))]
            terms.append((data.draw(st.sampled_from([1, -1])), units))
    assert_safe(terms, False)


# ---- the rules, cell by cell ---------------------------------------------------------------------------------------

def test_every_published_cell_counts_at_least_n_distinct_people_of_what_it_shows(world):
    for _, oracle in world.values():
        for units, key in ((oracle.sessions(), "session_id"), (oracle.answers(), "cell"), (oracle.scores(), "cell")):
            assert units.groupby(key)["person"].nunique().min() >= N
        gy = oracle.group_years()
        assert gy.groupby(["group_id", "ay", "starter"])["person"].nunique().min() >= N
        resp = oracle.responses()
        cells = resp.groupby([resp["unit"].map(lambda u: u[1]), "program_id",
                              resp["cohort_id"].astype(object).where(resp["cohort_id"].notna(), -1)])
        assert cells["responded"].sum().min() >= N and cells.size().min() >= N
        for cell in oracle.comments()["cell"].unique():
            assert oracle.respondents(cell) >= COMMENT_N


def test_a_survey_figure_over_several_waves_counts_each_wave_from_at_least_n_people(world):
    _, oracle = world[1]
    units = oracle.answers()
    per_wave = units.groupby(["cell"])["wave_id"].nunique()
    assert (per_wave == 1).all()  # a published cell never mixes waves: its respondents are distinct people
    assert units[units["wave_kind"] == "post_session"].groupby("cell")["person"].nunique().min() >= N


def test_a_viewer_never_sees_a_figure_of_a_single_group(world):
    for _, oracle in world.values():
        for units, keys in ((oracle.viewer_sessions(), ["cohort_id", "ay", "session_number", "topic", "modality",
                                                        "program_id"]),
                            (oracle.viewer_group_years(), ["cohort_id", "ay", "program_id"])):
            sizes = units.groupby(keys, dropna=False)["group_id"].nunique()
            assert sizes.min() >= 2


def test_no_survey_figure_comes_from_a_single_groups_cohort_alone(world, school):
    # a cohort of one PEERS group is one group: its answers are published only with other groups'
    checked = 0
    for v, (con, oracle) in world.items():
        groups = dict(con.execute("SELECT cohort_id, count(*) FROM groups GROUP BY 1").fetchall())
        cohort_of = _cohort_of(school, v)
        for units in (oracle.answers(), oracle.scores()):
            for cell, part in units.groupby("cell"):
                cohorts = {int(c) for c in part["response_id"].map(cohort_of).dropna()}
                assert sum(1 if groups.get(c, 0) == 1 else 2 for c in cohorts) >= 2, (v, cell, cohorts)
                checked += 1
    assert checked > 20


def _cohort_of(school, version):
    import duckdb

    con = duckdb.connect(str(school.versions[version]), read_only=True)
    try:
        return dict(con.execute("SELECT response_id, cohort_id FROM responses").fetchall())
    finally:
        con.close()


def test_one_format_that_leaves_one_group_shows_a_viewer_nothing_of_it(world):
    con, oracle = world[1]
    units = oracle.sessions()
    lone = units.groupby(["cohort_id", "ay", "modality"])["group_id"].nunique()
    cohort, year, modality = next(k for k, v in lone.items() if v == 1)
    filt = CohortFilter(cohorts=(int(cohort),), year_from=int(year), year_to=int(year), modalities=(str(modality),))
    assert queries.attendance(con, filt, []).empty
    assert queries.attendance(con, filt, ["class_year"]).empty
    group = int(units[(units["cohort_id"] == cohort) & (units["ay"] == year) & (units["modality"] == modality)]
                ["group_id"].iloc[0])
    analyst = queries.attendance(con, replace(filt, groups=(group,)), ["group"])
    assert len(analyst) == 1  # an analyst, who may see groups, does see it


def test_every_version_of_a_cell_differs_from_every_earlier_one_by_nobody_or_at_least_n_people(world):
    families = {"session": lambda o: (o.sessions(), "session_id"), "answer": lambda o: (o.answers(), "cell"),
                "score": lambda o: (o.scores(), "cell"),
                "group_year": lambda o: (o.group_years().assign(c=lambda d: list(zip(d["group_id"], d["ay"],
                                                                                     d["starter"]))), "c")}
    checked = 0
    versions = sorted(world)
    for i, va in enumerate(versions):
        for vb in versions[i + 1:]:
            for get in families.values():
                ua, key = get(world[va][1])
                ub, _ = get(world[vb][1])
                for cell in set(ua[key]) & set(ub[key]):
                    a, b = ua[ua[key] == cell], ub[ub[key] == cell]
                    assert_safe([(1, a), (-1, b)], False)
                    checked += 1
    assert checked > 100


def test_the_hostile_school_does_leave_things_out_and_hold_changes_back(school, world):
    _, v1 = world[1]
    con2, _ = world[2]
    held = con2.execute("SELECT family, count(*) FROM pub_held GROUP BY ALL").fetchall()
    assert dict(held).get("session") and dict(held).get("answer")  # the corrected sign-in, the late response
    raw = con2.execute("SELECT count(DISTINCT session_id) FROM attendance").fetchall()[0][0]
    assert len(v1.sessions()["session_id"].unique()) < raw  # small sessions are left out
    viewer = v1.viewer_sessions()
    assert viewer["cohort_id"].isna().any()  # single groups' sessions combined per program
    assert not v1.answers()["attendance_band"].notna().all()  # small bands combined
