"""Every attack that worked against the earlier design (issue 9), tried again: each now fails.

They run on the hostile school (tests/hostile_school.py: a lone PhD student for years, a four-person
fellowship, groups of 2 to 9, a wave one person finished, late data in later versions) and on the demo, as a
viewer would: any filter, any page's breakdown, a CSV, two data versions.
"""
from __future__ import annotations

import itertools
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from peers_dash import queries
from peers_dash.charts import export
from peers_dash.model.filters import CohortFilter
from peers_dash.privacy import present
from peers_dash.queries.extracts import DATASETS, compute
from peers_dash.queries.measures import measures
from peers_dash.queries.overview import headline
from peers_dash.store.db import open_readonly
from tests.hostile_school import ONE_FINISHED
from tests.privacy_oracle import N, assert_safe, evaluate

RESPONSE_COLS = "(response_id, wave_id, program_id, cohort_id, class_year, attendance_band, source)"

ROOT = Path(__file__).resolve().parent.parent
LONE_PHD, FELLOWSHIP = 4, 3


def test_program_row_minus_class_year_row_no_longer_gives_a_lone_students_figures(world):
    # "by program" PhD minus "by class year" G1 was a lone PhD student's attendance and answers
    for family, by_program, by_class in (("att", ["program"], ["class_year"]), ("people", ["program"], ["class_year"]),
                                         ("answer", ["program"], ["class_year"]), ("score", ["program"], ["class_year"])):
        program_rows = evaluate(world, (1, family, by_program, CohortFilter()))
        class_rows = evaluate(world, (1, family, by_class, CohortFilter()))
        assert all(LONE_PHD not in set(u["program_id"]) for u, _ in program_rows)
        for (a, va), (b, vb) in itertools.product(program_rows, class_rows):
            assert_safe([(1, a), (-1, b)], va and vb)


def test_a_program_total_minus_its_shown_years_or_sessions_is_exactly_nothing(demo_db, world):
    for con in (open_readonly(demo_db), world[1][0]):
        for program in (int(p) for (p,) in con.execute("SELECT program_id FROM programs").fetchall()):
            filt = CohortFilter(programs=(program,))
            total = queries.attendance(con, filt, [])
            for by in (["year"], ["session_number"], ["class_year"], ["modality"], ["topic"]):
                parts = queries.attendance(con, filt, by)
                for col in ("n_present", "n_absent", "n_excused"):
                    assert parts[col].sum() == (total[col].sum() if len(total) else 0), (program, by, col)
            survey = queries.survey_items(con, filt, ["peers_space"], [])
            for by in (["year"], ["class_year"], ["attendance_band"], ["cohort"]):
                parts = queries.survey_items(con, filt, ["peers_space"], by)
                assert parts["n_responses"].sum() == (survey["n_responses"].sum() if len(survey) else 0)


def test_two_views_never_differ_in_one_bar_by_a_few_respondents(world):
    # two views whose totals differ by 5 or more, where one bar differs by one respondent, gave that respondent
    # away: every pair of bars of every single-value filter of every survey and attendance breakdown is safe
    con, _ = world[2]
    values = {"programs": [1, 2, 3, 4], "cohorts": [10, 11, 20, 21, 30, 40], "class_years": ["MS1", "MS2", "MS3", "PGY1",
                                                                                         "PGY2", "PGY3", "PGY4"]}
    filters = [CohortFilter()] + [CohortFilter(**{k: (v,)}) for k, vs in values.items() for v in vs] + \
        [CohortFilter(year_from=y, year_to=y) for y in (2019, 2020, 2021)]
    for family, by in (("answer", ["attendance_band"]), ("answer", ["class_year"]), ("att", ["session_number"]),
                       ("response", ["cohort"]), ("score", ["program"])):
        bars = [row for f in filters for row in evaluate(world, (2, family, by, f))]
        for (a, va), (b, vb) in itertools.combinations(bars, 2):
            assert_safe([(1, a), (-1, b)], va and vb)


def test_the_survey_threshold_counts_respondents_of_that_question_in_one_wave(world):
    _, oracle = world[1]
    answers = oracle.answers()
    # the fellowship's 2020-21 wave that one person finished is in no published cell, however pooled
    cohort, year = ONE_FINISHED
    assert answers[(answers["program_id"] == FELLOWSHIP) & (answers["ay"] == year)].empty
    # a published cell counts the respondents of one wave and one question, never responses summed over waves
    per_cell = answers.groupby(["cell"]).agg(people=("person", "nunique"), waves=("wave_id", "nunique"))
    assert (per_cell["waves"] == 1).all() and (per_cell["people"] >= N).all()
    feedback = answers[answers["wave_kind"] == "post_session"]
    assert not feedback.empty and feedback.groupby("cell")["person"].nunique().min() >= N


def test_comments_of_the_md_and_a_small_program_minus_the_md_leave_nothing(world):
    con, oracle = world[1]
    md = queries.comments(con, CohortFilter(programs=(1,)), latest_only=False)
    for small in (2, FELLOWSHIP, LONE_PHD):
        both = queries.comments(con, CohortFilter(programs=(1, small)), latest_only=False)
        extra = both.merge(md, how="left", indicator=True).query("_merge == 'left_only'")
        for (wave, program), part in extra.groupby(["wave_id", "program_id"]):
            # only ever a whole wave of a program with at least 10 respondents
            assert oracle.respondents(f"{wave}|{program}") >= 10
            whole = oracle.comments()
            assert sorted(part["comment"].repeat(part["n"])) == sorted(
                whole[whole["cell"] == f"{wave}|{program}"]["comment"])
    # no filter narrows a comment cell: a cohort or class-year filter shows the program's whole wave or nothing
    narrowed = CohortFilter(programs=(1,), cohorts=(10,), class_years=("MS1",))
    pd.testing.assert_frame_equal(queries.comments(con, narrowed, latest_only=False), md)
    latest = queries.comments(con, CohortFilter(programs=(1,)))  # what the page shows: the latest year in view
    assert not latest.empty and set(latest["ay"]) == {md["ay"].max()}


def test_a_session_format_that_leaves_one_group_gives_a_viewer_nothing(world):
    con, oracle = world[1]
    units = oracle.sessions()
    per = units.groupby(["cohort_id", "ay", "modality"])["group_id"].nunique()
    lone = [k for k, v in per.items() if v == 1]
    assert lone
    for cohort, year, modality in lone:
        filt = CohortFilter(cohorts=(int(cohort),), year_from=int(year), year_to=int(year), modalities=(str(modality),))
        for by in ([], ["class_year"], ["session_number"], ["modality"]):
            assert queries.attendance(con, filt, by).empty


def test_extracts_list_no_row_without_numbers_and_no_one_person_cohort(world):
    con, _ = world[1]
    for ds, key in [(ds, key) for ds in DATASETS for key in ([m.key for m in measures(con)] if ds.measure
                                                              else [None])]:
        df = compute(con, CohortFilter(), ds.title, key)
        table = present(df, ds.columns, ds.percent)
        numbers = [heading for col, heading in ds.columns.items() if col.startswith("n_")]  # the counts
        assert numbers and not table[numbers].isna().all(axis=1).any(), ds.title
        assert "Lone PhD" not in set(table.get("Program", [])), ds.title
        assert "Lone PhD" not in export.to_csv_bytes(table).decode("utf-8-sig")


def test_the_overview_never_shows_a_change_in_trainees_of_fewer_than_n(world):
    con, _ = world[1]
    checked = 0
    for filt in [CohortFilter()] + [CohortFilter(programs=(p,)) for p in (1, 2, 3, 4)] + \
            [CohortFilter(cohorts=(c,)) for c in (10, 11, 20, 21)]:
        year, metrics = headline(con, filt, N, today=date(2030, 1, 1))
        for m in metrics:
            if m.kind == "count" and m.label == "Trainees who came" and m.previous is not None:
                checked += 1
                assert m.change is None or m.change == 0 or abs(m.change) >= N
    assert checked


def test_the_table_toolbar_cannot_download_unneutralised_cells():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
    frame = pd.DataFrame({"Comment": ["=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "fine"]})
    csv = export.to_csv_bytes(frame).decode("utf-8-sig")
    assert "\n=" not in csv and "\n+" not in csv and "\n@" not in csv


def test_a_later_version_never_publishes_a_change_of_a_few_people(world, school):
    # one late response (the MD class of 2024) and one corrected sign-in are held back; five late responses
    # are shown; withdrawing four of them again is held back (against version 1 it would be one person)
    con1, _ = world[1]
    con2, _ = world[2]
    con3, _ = world[3]
    one_late = CohortFilter(cohorts=(11,), year_from=2021, year_to=2021)
    before = queries.survey_items(con1, one_late, ["peers_space"], [])
    assert not before.empty and before.equals(queries.survey_items(con2, one_late, ["peers_space"], []))
    md = CohortFilter(cohorts=(10,), year_from=2021, year_to=2021)
    n1, n2, n3 = (queries.survey_items(c, md, ["peers_space"], [])["n_responses"].sum() for c in (con1, con2, con3))
    assert n2 - n1 == 5 and n3 == n2
    sessions = replace(CohortFilter(cohorts=(10,)), year_from=2019, year_to=2019)
    a1 = queries.attendance(con1, sessions, ["session_number"])
    a2 = queries.attendance(con2, sessions, ["session_number"])
    pd.testing.assert_frame_equal(a1, a2)  # the corrected sign-in waits


def test_after_an_undo_what_was_once_shown_is_still_remembered(school, tmp_path):
    # version 2 showed the MD class's five late responses; version 4 undid them. Importing those five again with
    # one more would show version 2 plus one person: it must wait (without the undone version's history it
    # would pass, being six people away from version 4)
    from peers_dash.store.writer import writing

    db = tmp_path / "after_undo.duckdb"
    db.write_bytes(school.versions[4].read_bytes())
    with writing(db) as w:
        w.execute("ATTACH ? AS v2 (READ_ONLY)", [str(school.versions[2])])
        late = [r for (r,) in w.execute("SELECT response_id FROM v2.responses WHERE source = 'late' AND cohort_id = 10"
                                        " ORDER BY 1").fetchall()]
        w.execute("INSERT INTO responses SELECT * FROM v2.responses WHERE list_contains(?, response_id)", [late])
        w.execute("INSERT INTO answers SELECT * FROM v2.answers WHERE list_contains(?, response_id)", [late])
        w.execute("INSERT INTO responses " + RESPONSE_COLS + " VALUES (99999, 3, 1, 10, 'MS3', '8-10', 'late')")
        w.execute("INSERT INTO answers SELECT 99999, item_id, value, text_value FROM v2.answers WHERE response_id = ?",
                  [late[0]])
        w.execute("DETACH v2")
    md = CohortFilter(cohorts=(10,), year_from=2021, year_to=2021)
    shown = []
    for path in (school.versions[2], school.versions[4], db):
        con = open_readonly(path)
        try:
            shown.append(queries.survey_items(con, md, ["peers_space"], [])["n_responses"].sum())
            held = con.execute("SELECT count(*) FROM pub_held WHERE family = 'answer'").fetchall()[0][0]
        finally:
            con.close()
    assert shown[0] == shown[1] + 5
    assert shown[2] == shown[1] and held > 0  # held: against version 2 it is one person more


def _distribution(path, filt, items=("peers_space",)):
    con = open_readonly(path)
    try:
        d = queries.survey_distribution(con, filt, list(items), [])
        return {(i, float(v)): int(n) for i, v, n in zip(d["item_id"], d["value"], d["n_answers"])}
    finally:
        con.close()


def _signed(*terms):
    out: dict = {}
    for sign, dist in terms:
        for k, n in dist.items():
            out[k] = out.get(k, 0) + sign * n
    return {k: n for k, n in out.items() if n}


def test_a_chain_of_replaced_imports_never_isolates_a_late_response(school, tmp_path):
    # five answers are imported, replaced by five other people's, then both sets arrive with one late
    # response: v4 - v3 - v2 + v1 was that response. Published contents of a cell must hold one another.
    import shutil

    from peers_dash.store.writer import writing

    db = tmp_path / "chain.duckdb"
    shutil.copyfile(school.versions[1], db)
    keep = {1: tmp_path / "c1.duckdb"}
    shutil.copyfile(db, keep[1])
    first = dict(zip(range(9001, 9006), [1, 2, 2, 1, 2]))
    second = dict(zip(range(9006, 9011), [4, 5, 5, 4, 5]))

    def add(w, answers):
        for r, v in answers.items():
            w.execute("INSERT INTO responses " + RESPONSE_COLS + " VALUES (?, 7, 1, 11, 'MS2', '8-10', 'late')",
                      [r])
            w.execute("INSERT INTO answers VALUES (?, 'peers_space', ?, NULL)", [r, v])

    with writing(db) as w:
        w.execute("INSERT INTO survey_waves VALUES (7, 'Annual 2021 spring', 'annual', 2021, 1, NULL, NULL, NULL, NULL)")
        add(w, first)
    shutil.copyfile(db, keep.setdefault(2, tmp_path / "c2.duckdb"))
    with writing(db) as w:
        w.execute("DELETE FROM answers WHERE response_id BETWEEN 9001 AND 9005")
        w.execute("DELETE FROM responses WHERE response_id BETWEEN 9001 AND 9005")
        add(w, second)
    shutil.copyfile(db, keep.setdefault(3, tmp_path / "c3.duckdb"))
    with writing(db) as w:
        add(w, {**first, 9011: 3})
    shutil.copyfile(db, keep.setdefault(4, tmp_path / "c4.duckdb"))
    view = CohortFilter(cohorts=(11,), year_from=2021, year_to=2021)
    d = {v: _distribution(p, view) for v, p in keep.items()}
    for signs in itertools.product((1, -1, 0), repeat=4):
        combo = _signed(*[(s, d[v]) for s, v in zip(signs, (1, 2, 3, 4))])
        assert not combo or sum(abs(n) for n in combo.values()) >= N, (signs, combo)


def test_a_protect_run_with_a_smaller_minimum_is_not_taken_as_shown_before(school, tmp_path):
    # version 3 holds back the one late response left; a protect run at N=1 (never shown: the dashboard fails
    # closed) then one at 5 must not publish it
    import os
    import shutil
    import subprocess
    import sys

    db = tmp_path / "reprotect.duckdb"
    shutil.copyfile(school.versions[3], db)
    for n in ("1", "5"):
        out = subprocess.run([sys.executable, "-m", "peers_dash", "protect", "--db", str(db)], cwd=ROOT,
                             capture_output=True, text=True, env={**os.environ, "PEERS_MIN_CELL_SIZE": n})
        assert out.returncode == 0, out.stderr
    view = CohortFilter(cohorts=(10,), year_from=2021, year_to=2021)
    items = ("peers_space", "pss4_1", "pss4_2", "pss4_3", "pss4_4")
    shown = {v: _distribution(p, view, items) for v, p in ((1, school.versions[1]), (2, school.versions[2]),
                                                          (3, school.versions[3]), (5, db))}
    for a, b in itertools.combinations(shown, 2):
        combo = _signed((1, shown[a]), (-1, shown[b]))
        assert not combo or min(sum(abs(n) for (i, _), n in combo.items() if i == item) or N for item in items) >= N


def test_a_scored_instruments_questions_minus_its_total_give_no_part_scores(world, demo_db):
    # answer counts per question, counting people who skipped another question, minus the totals of complete
    # answers gave the skippers' part-scores: a scored instrument's questions are published only as its total
    for con in (world[1][0], world[2][0]):
        assert con.execute("SELECT count(*) FROM pub_answers a JOIN items i USING (item_id) "
                           "JOIN instruments s USING (instrument_id) WHERE s.scored").fetchall()[0][0] == 0
        filt = CohortFilter(programs=(2,), year_from=2020, year_to=2020)
        assert queries.survey_distribution(con, filt, ["pss4_1", "pss4_2", "pss4_3", "pss4_4"], ["cohort"]).empty
        assert not queries.scale_scores(con, CohortFilter(), "pss4", []).empty


def test_a_single_group_cohort_has_no_survey_or_response_figure_of_its_own(demo_db):
    con = open_readonly(demo_db)
    try:
        single = [c for (c,) in con.execute("SELECT cohort_id FROM groups GROUP BY 1 HAVING count(*) = 1").fetchall()]
        assert len(single) > 5
        for c in single:
            filt = CohortFilter(cohorts=(int(c),))
            assert queries.survey_items(con, filt, ["peers_space"], []).empty, c
            assert queries.response_rates(con, filt, []).empty, c
            assert queries.scale_scores(con, filt, "pss4", []).empty, c
        # their answers still count in their program's figures, combined with other groups
        program = con.execute("SELECT program_id FROM cohorts WHERE cohort_id = ?", [single[0]]).fetchall()[0][0]
        assert not queries.survey_items(con, CohortFilter(programs=(int(program),)), ["peers_space"], []).empty
    finally:
        con.close()
