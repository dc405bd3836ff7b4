"""Property-based privacy tests over random filter combinations on a school full of small groups:
no output of a view that is shown comes from fewer than N people, no hidden cell can be recovered by
subtracting shown cells from a shown total, and no two neighbouring views that are both shown differ by
fewer than N people."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peers_dash import gate, queries
from peers_dash.db import open_readonly
from peers_dash.filters import CohortFilter
from peers_dash.privacy import SHOWN, STATUS
from tests.small_groups import build_small_groups

N = 5


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = build_small_groups(tmp_path_factory.mktemp("small") / "small.duckdb")
    con = open_readonly(path)
    yield con
    con.close()


def _values(con, sql):
    return [r[0] for r in con.execute(sql).fetchall()]


def filters(con) -> st.SearchStrategy[CohortFilter]:
    def some(values, most=2):
        return st.lists(st.sampled_from(values), max_size=most, unique=True).map(tuple)

    years = st.sampled_from([(None, None), (2019, 2019), (2020, 2021), (2019, 2020), (2021, None)])
    return st.builds(
        lambda programs, cohorts, class_years, yr, groups, modalities: CohortFilter(
            programs=programs, cohorts=cohorts, class_years=class_years, year_from=yr[0], year_to=yr[1],
            groups=groups, modalities=modalities),
        some(_values(con, "SELECT program_id FROM programs")),
        some(_values(con, "SELECT cohort_id FROM cohorts"), 1),
        some(_values(con, "SELECT DISTINCT class_year FROM attendance_facts")),
        years,
        some(_values(con, "SELECT group_id FROM groups"), 1),
        some(["in_person", "virtual", "hybrid"], 1),
    )


def outputs(con, filt, kind):
    """Every breakdown the pages show for this kind of data, with the dims of each."""
    if kind == "attendance":
        for by in (["class_year"], ["program"], ["year"], ["modality"], ["session_number"], ["group", "session_number"],
                   ["year", "class_year"]):
            yield by, queries.attendance(con, filt, by, N), "n_people"
            yield by, queries.reach_dose(con, filt, by, N), "n_people"
    else:
        for by in (["class_year"], ["program"], ["attendance_band"], ["year"], ["program", "class_year"]):
            yield by, queries.survey_items(con, filt, ["peers_space"], by, N), "n_people"
            if "attendance_band" not in by:  # eligibility knows no attendance band
                yield by, queries.response_rates(con, filt, by, N), "n_responded"


def margins(df, by):
    cols = [queries.DIMS[d] for d in by]
    for r in range(len(cols)):
        for keep in itertools.combinations(cols, r):
            if not keep:
                yield df
            else:
                for _, part in df.groupby(list(keep), dropna=False):
                    yield part


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_shown_views_reveal_nothing_from_fewer_than_n_people(small, data):
    filt = data.draw(filters(small))
    for kind in ("attendance", "survey"):
        if gate.check(small, filt, kind, N) is not None:
            continue
        for by, df, n_col in outputs(small, filt, kind):
            shown = df[df[STATUS] == SHOWN]
            assert (shown[n_col] >= N).all(), (filt, by)
            if n_col == "n_responded":
                assert (shown["n_eligible"] >= N).all(), (filt, by)
            hidden = df[df[STATUS] != SHOWN]
            number_cols = [c for c in df.columns if c.startswith(("n_", "rate", "favorable", "reach", "mean", "dose"))]
            assert hidden[number_cols].isna().all().all(), (filt, by)
            for part in margins(df, by):  # a total minus the shown cells must not single out one hidden cell
                n_hidden = int((part[STATUS] != SHOWN).sum())
                assert n_hidden != 1 or len(part) == 1, (filt, by, part)


def _people(con, filt, kind):
    """Distinct people of a view, counted independently of the gate (base tables, not the fact views)."""
    where, params = filt.where(kind)
    if kind == "attendance":
        sql = ("SELECT count(DISTINCT participant_id) FROM (SELECT a.participant_id, p.institution_id, c.program_id,"
               " g.cohort_id, s.group_id, s.modality, ay_start(s.session_date) AS ay, class_year_label(p.kind, "
               "ay_start(s.session_date) - c.entry_year + p.first_class_year) AS class_year FROM attendance a "
               "JOIN sessions s USING (session_id) JOIN groups g USING (group_id) JOIN cohorts c USING (cohort_id) "
               "JOIN programs p USING (program_id)) WHERE " + where)
    else:
        sql = ("SELECT count(*) FROM (SELECT r.response_id, p.institution_id, r.program_id, r.cohort_id, r.class_year,"
               " w.academic_year AS ay FROM responses r JOIN survey_waves w USING (wave_id) JOIN programs p "
               "USING (program_id)) WHERE " + where)
    return con.execute(sql, params).fetchall()[0][0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_two_neighbouring_shown_views_differ_by_fewer_than_n_people(small, data):
    filt = data.draw(filters(small))
    for kind in ("attendance", "survey"):
        if gate.check(small, filt, kind, N) is not None:
            continue
        here = _people(small, filt, kind)
        for _, other in gate.neighbours(filt, kind):
            if gate.check(small, other, kind, N) is None:
                difference = abs(here - _people(small, other, kind))
                assert difference == 0 or difference >= N, (filt, other)


def test_the_small_school_does_refuse_some_views(small):
    # the properties above are not vacuous: some views are shown, and some are refused
    pairs = small.execute("SELECT cohort_id, group_id FROM groups").fetchall()
    verdicts = [gate.check(small, CohortFilter(cohorts=(c,), groups=(g,)), "attendance", N) is None for c, g in pairs]
    assert any(verdicts) and not all(verdicts)
