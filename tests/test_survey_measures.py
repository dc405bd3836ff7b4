"""Every survey measure an office imports is on the dashboard and scored right: the instrument library scored
end to end against hand-computed examples, a survey-only office with a survey no one here wrote (every figure
equal to a computation from the file), mapping errors that say what to do, and re-imports that neither double
nor wipe."""
from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from peers_dash.ingest.pipeline import Request, init_database, preview, run_import
from peers_dash.ingest.problems import Report
from peers_dash.ingest.survey.mapping_file import load_mapping
from peers_dash.model.filters import CohortFilter
from peers_dash.model.instruments import LIBRARY, SCORE_ONLY
from peers_dash.queries import measures
from peers_dash.store.db import open_readonly
from tests import survey_office
from tests.test_instruments import HAND_SCORED

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> survey_office.Office:
    return survey_office.build(tmp_path_factory.mktemp("office"))


def survey(db: Path, name: str, data: bytes, mapping: str, wave: str = "2024-25 annual", **kw):
    return run_import(db, Request("survey", [(name, data)], wave=wave, mapping=("m.toml", mapping.encode()),
                                  who="test", **kw))


def csv_of(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    return buf.getvalue().encode()


# ---- the instrument library, scored by the database ---------------------------------------------------------


def test_every_instrument_is_scored_as_computed_by_hand_with_reversed_items_missing_answers_and_totals(tmp_path):
    db = tmp_path / "scores.duckdb"
    init_database(db, "U")
    rows, blocks, expected = [], [], {}
    for inst in LIBRARY:
        iid = inst["instrument_id"]
        if iid in SCORE_ONLY:
            blocks.append(f'[[instrument]]\nid = "{iid}"\nscore = "{iid} total"\n')
            rows += [{"id": f"{iid}-t{k}", f"{iid} total": v} for k, v in enumerate((inst["score_min"], 21))]
            expected[iid] = sorted([float(inst["score_min"]), 21.0])
            continue
        cols = [f"{iid} q{i}" for i in range(1, len(inst["items"]) + 1)]
        blocks.append(f'[[instrument]]\nid = "{iid}"\ncolumns = {json.dumps(cols)}\n')
        for k, (answers, score) in enumerate(HAND_SCORED[iid]):
            rows.append({"id": f"{iid}-{k}", **dict(zip(cols, answers))})
        if len(cols) > 1:  # one answer skipped: no score
            rows.append({"id": f"{iid}-skip", **dict(zip(cols[1:], HAND_SCORED[iid][0][0][1:]))})
        expected[iid] = sorted(float(s) for _, s in HAND_SCORED[iid])
    mapping = 'program = "MD"\nclass_year = "MS1"\n[columns]\nrespondent = "id"\n' + "\n".join(blocks)
    outcome = survey(db, "scores.csv", csv_of(rows), mapping, create_new=True)
    assert outcome.applied, outcome.report.lines()
    con = duckdb.connect(str(db), read_only=True)
    got = {}
    for iid, score, n in con.execute("SELECT instrument_id, score, n FROM score_rollup").fetchall():
        got.setdefault(iid, []).extend([float(score)] * int(n))
    con.close()
    assert {k: sorted(v) for k, v in got.items()} == pytest.approx(expected)


def test_a_mapping_naming_an_unknown_instrument_or_the_wrong_columns_says_what_to_write():
    report = Report()
    text = ('[[instrument]]\nid = "phq-9"\ncolumns = ["a"]\n\n'
            '[[instrument]]\nid = "gad7"\ncolumns = ["a", "b"]\n\n'
            '[[instrument]]\nid = "maslach_ee"\ncolumns = ["a"]\n')
    assert load_mapping(text, "m.toml", report) is None
    messages = [(p.row, p.message) for p in report.errors]
    assert messages[0][0] == 1 and "'phq-9' is not an instrument of the library (did you mean phq9" in messages[0][1]
    assert messages[1][0] == 5 and "the 7 columns of GAD-7's items in order (found 2)" in messages[1][1]
    assert messages[2][0] == 9 and 'give score = "<column>"' in messages[2][1]


def test_answers_numbered_from_1_are_refused_with_the_fix_and_read_with_numbers_from(tmp_path):
    db = tmp_path / "s.duckdb"
    init_database(db, "U")
    data = csv_of([{"id": "a", **{f"g{i}": 4 for i in range(1, 3)}}])
    mapping = 'program = "MD"\nclass_year = "MS2"\n[columns]\nrespondent = "id"\n' \
              '[[instrument]]\nid = "gad2"\ncolumns = ["g1", "g2"]\n'
    refused = survey(db, "g.csv", data, mapping, create_new=True)
    assert not refused.applied
    problem = refused.report.errors[0]
    assert (problem.file, problem.row, problem.column) == ("g.csv", 2, "g1")
    assert "'4' is outside the scale of gad2_1 (0 to 3)" in problem.message
    assert "if your survey numbered them from 1, add numbers_from = 1" in problem.message
    fixed = survey(db, "g.csv", data, mapping.replace('columns = ["g1", "g2"]',
                                                      'columns = ["g1", "g2"]\nnumbers_from = 1'), create_new=True)
    assert fixed.applied, fixed.report.lines()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT instrument_id, score, n FROM score_rollup").fetchall() == [("gad2", 6.0, 1)]
    con.close()


# ---- a survey-only office ---------------------------------------------------------------------------------


def test_a_survey_only_office_sees_every_measure_and_each_figure_equals_the_file(office):
    con = open_readonly(office.db)
    try:
        found = {m.key: m for m in measures.measures(con)}
        assert set(found) == {"score:phq9", "score:maslach_ee", "item:sleep_enough", "item:belonging"}
        assert found["score:phq9"].share_label == "10 or more: moderate depression or worse"
        assert found["item:sleep_enough"].share_label == "yes" and found["item:belonging"].share_label == "5 to 7"
        assert con.execute("SELECT name, kind, years FROM programs").fetchall() == [("School of Medicine", "md", 6)]
        for wave, year in (("2023-24 annual", 2023), ("2024-25 annual", 2024)):
            want = survey_office.expected(office.files[wave])
            filt = CohortFilter(year_from=year, year_to=year)

            def got(key: str) -> pd.DataFrame:
                return measures.summary(con, filt, key, ["class_year"]).set_index("class_year")

            phq, ee = got("score:phq9"), got("score:maslach_ee")
            sleep, belong = got("item:sleep_enough"), got("item:belonging")
            assert list(phq.index) == ["MS1", "MS2", "MS3", "MS4", "MS5", "MS6"]
            assert list(phq["n_responses"]) == list(want["n_phq"])  # skipped a question: no score
            assert phq["mean"].tolist() == pytest.approx(want["phq_mean"].tolist())
            assert phq["share"].tolist() == pytest.approx(want["phq_share"].tolist())
            assert ee["mean"].tolist() == pytest.approx(want["ee_mean"].tolist())
            assert ee["share"].tolist() == pytest.approx(want["ee_share"].tolist())
            assert sleep["share"].tolist() == pytest.approx(want["sleep_share"].tolist())
            assert belong["share"].tolist() == pytest.approx(want["belong_share"].tolist())
            assert belong["mean"].tolist() == pytest.approx(want["belong_mean"].tolist())
        stored = " ".join(str(v) for row in con.execute("SELECT * FROM answers").fetchall() for v in row)
        assert "Student" not in stored  # the name column was never imported
    finally:
        con.close()


def test_new_programs_are_listed_by_the_check_and_created_only_when_asked(tmp_path):
    db = tmp_path / "s.duckdb"
    init_database(db, "U")
    data = survey_office.survey_csv(2024, 3, per_year=6)
    req = Request("survey", [("w.csv", data)], wave="2024-25 annual", who="t",
                  mapping=("m.toml", survey_office.MAPPING.encode()))
    refused = run_import(db, req)
    assert not refused.applied
    assert any("new program 'School of Medicine' (md, class years MS1, MS2, MS3, MS4, MS5, MS6)" in p.message
               and "--create-new" in p.message for p in refused.report.errors)
    req.create_new = True
    checked = preview(db, req)
    assert checked.ok and checked.staged[0].created
    assert run_import(db, req).applied


def test_a_class_year_value_without_a_translation_is_refused_naming_its_row_column_and_the_fix(tmp_path):
    db = tmp_path / "s.duckdb"
    init_database(db, "U")
    mapping = survey_office.MAPPING.replace('"Year 6" = "MS6"\n', "")
    outcome = survey(db, "w.csv", survey_office.survey_csv(2024, 4, per_year=2), mapping, create_new=True)
    bad = [p for p in outcome.report.errors if p.column == "Year of study"]
    assert bad and all("'Year 6' is not a class year of School of Medicine (MS1, MS2, MS3, MS4, MS5, MS6)"
                       in p.message
                       and '[translate.class_year] "Year 6" = "MS6"' in p.message for p in bad)
    assert not outcome.applied


# ---- re-imports ---------------------------------------------------------------------------------------------


def _count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM responses").fetchall()[0][0]
    finally:
        con.close()


def test_the_same_responses_exported_again_under_another_name_replace_and_a_newer_export_drops_removed_ones(office,
                                                                                                         tmp_path):
    db = tmp_path / "again.duckdb"
    db.write_bytes(office.db.read_bytes())
    before = _count(db)
    data = office.files["2024-25 annual"]
    again = survey(db, "Wellbeing survey (export 2).csv", data + b"\n", survey_office.MAPPING)
    assert again.applied, again.report.lines()
    assert _count(db) == before
    assert again.staged[0].added == 0 and again.staged[0].replaced == len(pd.read_csv(io.BytesIO(data)))
    # a newer export of the same file without its first two responses, and with one new
    df = pd.read_csv(io.BytesIO(data))
    newer = pd.concat([df.iloc[2:], df.iloc[[0]].assign(ResponseId="R_new")])
    buf = io.StringIO()
    newer.to_csv(buf, index=False)
    outcome = survey(db, "Wellbeing survey (export 2).csv", buf.getvalue().encode(), survey_office.MAPPING)
    assert outcome.applied, outcome.report.lines()
    assert _count(db) == before - 1
    assert "1 new, " in outcome.staged[0].summary[1] and "2 earlier responses" in outcome.staged[0].summary[1]


def test_two_different_surveys_with_one_file_name_in_a_wave_do_not_replace_each_other(tmp_path):
    db = tmp_path / "two.duckdb"
    init_database(db, "U")
    first = 'program = "MD"\nclass_year = "MS1"\n[columns]\nrespondent = "id"\n' \
            '[[instrument]]\nid = "phq2"\ncolumns = ["a", "b"]\n'
    second = 'program = "MD"\nclass_year = "MS2"\n[columns]\nrespondent = "id"\n' \
             '[[instrument]]\nid = "gad2"\ncolumns = ["a", "b"]\n'
    def rows(shift: int) -> bytes:  # record ids 1-7 in both
        return csv_of([{"id": k, "a": (k + shift) % 4, "b": (k + 1) % 4} for k in range(1, 8)])

    assert survey(db, "survey.csv", rows(0), first, create_new=True).applied
    outcome = survey(db, "survey.csv", rows(1), second, create_new=True)
    assert outcome.applied and outcome.staged[0].replaced == 0
    assert _count(db) == 14


# ---- fixes ----------------------------------------------------------------------------------------------------


def test_a_mapping_with_an_email_and_a_program_column_imports(template_school):
    data = b"Response ID,Email,Program,Class year,Q1\nR1,ada.example@example.edu,MD,MS1,Agree\n" \
           b"R2,nobody@example.edu,MD,MS1,Agree\n"
    mapping = ('[columns]\nrespondent = "Response ID"\nemail = "Email"\nprogram = "Program"\n'
               'class_year = "Class year"\n[[question]]\ncolumn = "Q1"\nitem = "peers_space"\n')
    outcome = survey(template_school, "r.csv", data, mapping)
    assert outcome.applied, outcome.report.lines()
    con = duckdb.connect(str(template_school), read_only=True)
    rows = con.execute("SELECT c.name FROM responses r LEFT JOIN cohorts c USING (cohort_id) ORDER BY 1").fetchall()
    con.close()
    assert rows == [("MD Class of 2028",), (None,)]  # Ada's cohort from the roster; the unknown e-mail has none


def test_eligible_from_the_roster_leaves_out_classes_that_have_graduated(tmp_path):
    db = tmp_path / "e.duckdb"
    init_database(db, "U")
    roster = "roster_id,email,name,program,cohort,group,start_date,end_date,end_reason\n" + "".join(
        f"S{c}{k},p{c}{k}@x.edu,P {c} {k},MD,{c},Group 1,{c - 4}-08-01,,\n" for c in (2024, 2027) for k in range(6))
    assert run_import(db, Request("roster", [("roster.csv", roster.encode())], who="t")).applied
    data = b"id,q\n" + b"".join(f"{k},Agree\n".encode() for k in range(6))
    mapping = ('program = "MD"\ncohort = "2027"\n[columns]\nrespondent = "id"\n'
               '[[question]]\ncolumn = "q"\nitem = "peers_space"\n')
    assert survey(db, "s.csv", data, mapping, wave="2025-26 annual", eligible="roster").applied
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute("SELECT c.grad_year, e.class_year, e.n_eligible FROM wave_eligible e "
                      "JOIN cohorts c USING (cohort_id)").fetchall()
    con.close()
    assert got == [(2027, "MS3", 6)]  # the class of 2024, memberships never closed, is not counted


# ---- the pages ------------------------------------------------------------------------------------------------


@pytest.fixture()
def office_app(monkeypatch, office):
    monkeypatch.setenv("PEERS_DB", str(office.db))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield office
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.parametrize("page,key", [("pages/support.py", "measure"), ("pages/trends.py", "measure"),
                                      ("pages/programs.py", "measure")])
def test_an_own_question_and_an_instrument_score_show_on_every_survey_page(office_app, page, key):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(page)
    if page == "pages/programs.py":  # the measure is one of the figures its bars can show
        at.query_params["programs_figure"] = "Survey measure"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    picker = at.selectbox(key=key)
    assert {"I belong here (your question)", "Do you usually get enough sleep? (your question)",
            "PHQ-9 score (0-27)", "MBI exhaustion score (0-54)"} <= set(picker.options)
    for option in ("I belong here (your question)", "PHQ-9 score (0-27)"):
        picker.set_value(option).run()
        assert not at.exception, [e.message for e in at.exception]
        titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
        label = option.split(" (")[0]
        assert any(t.startswith(label) for t in titles), titles


def test_the_extract_of_an_own_question_is_its_published_figures(office_app):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/extracts.py")
    at.run()
    at.selectbox(key="dataset").set_value("Survey measure").run()
    at.selectbox(key="extract_measure").set_value("I belong here (your question)").run()
    years = at.select_slider(key="years")
    years.set_range(years.options[0], years.options[-1]).run()  # every year, not the latest complete one
    assert not at.exception, [e.message for e in at.exception]
    table = at.dataframe[0].value
    assert set(table["Measure"]) == {"I belong here"} and set(table["Share counts"]) == {"5 to 7"}
    assert len(table) == 12  # two years x six class years
