"""Survey exports (any wide file through a mapping, Qualtrics, REDCap) become the canonical frames, and every
problem names its file, row and column in plain words."""
from __future__ import annotations

import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peers_dash.ingest import read as readers
from peers_dash.ingest.canonical import ANSWERS, NEW_ITEMS, RESPONSES
from peers_dash.ingest.formats.parsers.qualtrics import parse_qualtrics
from peers_dash.ingest.formats.parsers.redcap import parse_redcap
from peers_dash.ingest.formats.parsers.wide import parse_mapped
from peers_dash.ingest.problems import Report
from peers_dash.ingest.suggest.mapping import suggest_mapping
from peers_dash.ingest.survey.mapping import Mapping
from peers_dash.ingest.survey.mapping_file import load_mapping

HERE = Path(__file__).parent
EXAMPLES = HERE / "survey_examples"
CORPUS = HERE / "ingest_corpus_survey"
REAL = HERE / "fixtures_real"
QUALTRICS = REAL / "qualtrics" / "qualtrics_export_3header.csv"
NO_PLACE = ("no column gives the respondents' program, cohort or class year, and the import sets none: "
            "add `program = ...` to a mapping or choose it when importing")


def mapping_of(text: str, name: str = "mapping.toml") -> Mapping:
    report = Report()
    mapping = load_mapping(text, name, report)
    assert mapping is not None, report.lines()
    return mapping


def mapped(path: Path, mapping: Mapping, report: Report) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return parse_mapped(readers.read_table(path.read_bytes(), path.name), mapping, report)


def answers_of(frame: pd.DataFrame) -> list[tuple]:
    return [(r.respondent, r.item_id, None if math.isnan(r.value) else r.value, r.text)
            for r in frame.itertuples()]


def problems(report: Report) -> list[tuple]:
    return [(p.severity, p.file, p.row, p.column) for p in report.problems]


def redcap(folder: Path, report: Report, mapping: Mapping | None = None, dictionary: bool = True):
    data = (folder / "data.csv").read_bytes()
    dd = (folder / "dictionary.csv").read_bytes() if dictionary else None
    return parse_redcap(data, "data.csv", dd, "dictionary.csv", report, mapping)


# --- the worked example of docs/MAPPING.md ---------------------------------------------------------------


def test_the_worked_example_imports_exactly():
    report = Report()
    mapping = mapping_of((EXAMPLES / "annual_survey_2024.toml").read_text(), "annual_survey_2024.toml")
    responses, answers, new_items = mapped(EXAMPLES / "annual_survey_2024.csv", mapping, report)
    assert report.problems == []
    assert list(responses.columns) == list(RESPONSES) + ["_file", "_row"]
    assert list(answers.columns) == list(ANSWERS) + ["_file", "_row"]
    assert responses[["respondent", "program", "class_year", "complete", "_row"]].values.tolist() == [
        ["R001", "MD", "MS1", "true", 2], ["R002", "MD", "MS2", "true", 3], ["R003", "MD", "MS2", "true", 4],
        ["R004", "Internal Medicine", "PGY1", "true", 5], ["R005", "MD", "MS3", "true", 6]]
    assert (responses[["cohort", "email", "roster_id"]] == "").all().all()
    peers = ["peers_space", "peers_peer_support", "peers_facilitator_support", "peers_coping", "peers_community"]
    pss = ["pss4_1", "pss4_2", "pss4_3", "pss4_4"]
    expected = {
        "R001": ([5, 4, 4, 3, 4], [1, 3, 3, 0], "Our group is the best part of the week"),
        "R002": ([4, 5, 4, 4, 5], [2, 2, 2, 1], None),
        "R003": ([2, 3, 4, 2, 2], [3, 1, 1, 3], "More sessions in person, please"),
        "R004": ([4, 4, 5, 4, 3], [2, 2, 3, 2], None),
        "R005": ([1, 2, 3, 1, 2], [4, 0, 1, 4], "I rarely attend; the schedule clashes with clinic"),
    }
    rows = []
    for rid, (likert, stress, comment) in expected.items():
        rows += [(rid, i, float(v), "") for i, v in zip(peers + pss, likert + stress)]
        if comment:
            rows.append((rid, "comment", None, comment))
    assert answers_of(answers) == rows
    assert answers["_file"].unique().tolist() == ["annual_survey_2024.csv"]
    assert new_items.empty and list(new_items.columns) == list(NEW_ITEMS) + ["_file", "_row"]


def test_the_mapping_guide_shows_the_example_files_as_they_are():
    guide = (HERE.parent / "docs" / "MAPPING.md").read_text()
    for name in ("annual_survey_2024.csv", "annual_survey_2024.toml"):
        assert (EXAMPLES / name).read_text().strip() in guide


# --- Qualtrics ----------------------------------------------------------------------------------------------


def test_the_qualtrics_fixture_is_refused_because_nothing_says_program_cohort_or_class_year():
    report = Report()
    parse_qualtrics(QUALTRICS.read_bytes(), QUALTRICS.name, report)
    lines = [str(p) for p in report.errors]
    assert f"{QUALTRICS.name}: {NO_PLACE}" in lines
    unmapped = next(p for p in report.errors if "map them with a mapping file" in p.message)
    assert "'Q1'" in unmapped.message and "'Q2'" in unmapped.message


def test_the_qualtrics_fixture_imports_once_a_mapping_sets_the_program_and_maps_q1_as_a_new_item():
    mapping = mapping_of('''
program = "MD"

[[question]]
column = "Q1"
new_item = "demo_choice"
text = "This is a multiple choice question."
construct = "demo"
scale = [1, 3]
higher_is_better = true

[[question]]
column = "This is a free text question."   # a column may be named by its question text
new_item = "demo_text"
type = "text"
text = "This is a free text question."
construct = "comments"
''')
    report = Report()
    responses, answers, new_items = parse_qualtrics(QUALTRICS.read_bytes(), QUALTRICS.name, report, mapping)
    assert report.ok, report.lines()
    assert responses.values.tolist() == [["R_2YPOQ602ER1jkf1", "MD", "", "", "", "", "true", "id:R_2YPOQ602ER1jkf1",
                                         QUALTRICS.name, 4]]
    assert answers_of(answers) == [("R_2YPOQ602ER1jkf1", "demo_choice", 2.0, ""),
                                   ("R_2YPOQ602ER1jkf1", "demo_text", None, "Hello World!")]
    assert new_items[["item_id", "response_type", "scale_min", "scale_max", "higher_is_better"]].values.tolist() == [
        ["demo_choice", "scale", 1, 3, True], ["demo_text", "text", None, None, None]]
    assert [p.message for p in report.warnings] == [
        "1 column(s) are not imported (neither in the mapping nor questions of the catalogue): 'Q2 - Topics'"]


def qualtrics_file(rows: list[str]) -> bytes:
    """A current Qualtrics export with catalogue questions, a matrix question and embedded data."""
    head = [
        "StartDate,EndDate,Status,Progress,Finished,ResponseId,RecipientEmail,ExternalReference,Q1,Q2_1,Q3,ClassYear",
        "Start Date,End Date,Response Type,Progress,Finished,Response ID,Recipient Email,External Data Reference,"
        "I feel supported by my peers,\"How often - In the last month, how often  have you felt that things were "
        "going your way?\",Anything else you would like to tell us about PEERS?,ClassYear",
        ",".join('"{""ImportId"":""x%d""}"' % i for i in range(12)),
    ]
    return ("\r\n".join(head + rows) + "\r\n").encode("utf-8-sig")


def test_qualtrics_text_labels_of_catalogue_questions_are_recoded_and_status_and_progress_are_read():
    data = qualtrics_file([
        "2024-04-01,2024-04-01,0,100,1,R_a,ann@school.edu,S001,Strongly agree,Fairly often,=1+1,MS1",
        "2024-04-01,2024-04-01,0,40,0,R_b,,,Agree,-99,,MS2",
        "2024-04-01,2024-04-01,1,100,1,R_c,,,Agree,Never,,MS2",
        "2024-04-01,2024-04-01,Spam,100,1,R_d,,,Agree,Never,,MS2",
    ])
    report = Report()
    responses, answers, _ = parse_qualtrics(data, "spring.csv", report)
    assert report.ok, report.lines()
    assert responses.values.tolist() == [
        ["R_a", "", "", "MS1", "ann@school.edu", "S001", "true", "id:R_a", "spring.csv", 4],
        ["R_b", "", "", "MS2", "", "", "false", "id:R_b", "spring.csv", 5]]
    assert answers_of(answers) == [("R_a", "peers_peer_support", 5.0, ""), ("R_a", "pss4_3", 3.0, ""),
                                   ("R_a", "comment", None, "=1+1"), ("R_b", "peers_peer_support", 4.0, "")]
    skipped = [(p.row, p.column, p.message) for p in report.warnings if p.message.startswith("skipped")]
    assert skipped == [(6, "Status", "skipped: the response is a survey preview (Status '1')"),
                       (7, "Status", "skipped: the response is marked as spam (Status 'Spam')")]


def test_a_qualtrics_export_that_is_not_one_is_refused_in_plain_words():
    report = Report()
    parse_qualtrics(b"name,score\nann,3\n", "scores.csv", report)
    assert [str(p) for p in report.errors] == [
        "scores.csv, row 1: this does not look like a Qualtrics export: its first row should hold ResponseId, "
        "StartDate, ... and the question columns (Q1, Q2, ...)"]


def test_an_unreadable_qualtrics_file_is_reported_not_raised():
    report = Report()
    responses, answers, _ = parse_qualtrics(b"%PDF-1.4 ...", "survey.pdf", report)
    assert responses.empty and answers.empty
    assert "PDF" in report.errors[0].message


# --- REDCap -------------------------------------------------------------------------------------------------


def test_the_redcap_simple_project_is_refused_without_a_mapping_and_its_checkboxes_are_left_out():
    report = Report()
    redcap(REAL / "redcap" / "simple", report)
    assert [p.message for p in report.errors] == [
        "no field is a question of the catalogue (matched by its label): map them with a mapping file "
        "(docs/MAPPING.md); fields: 'name_first', 'name_last', 'address', 'telephone', 'dob', 'age', 'sex', "
        "'height', 'weight', 'bmi', 'comments', 'ethnicity'"]
    assert ("checkbox columns race___1, race___2, race___3, race___4, race___5, race___6 are not imported; to keep "
            "one, map it in a mapping file as a new item of type \"yes_no\"") in [p.message for p in report.warnings]


SIMPLE_MAPPING = '''
program = "MD"

[[question]]
column = "comments"
new_item = "simple_comments"
type = "text"
text = "Comments"
construct = "comments"

[[question]]
column = "race___5"
new_item = "simple_white"
type = "yes_no"
text = "Race: White"
construct = "demographics"
higher_is_better = true

[[question]]
column = "ethnicity"
new_item = "simple_ethnicity"
text = "Ethnicity"
construct = "demographics"
scale = [0, 2]
higher_is_better = true
'''


def test_the_redcap_simple_project_imports_through_a_mapping_keeping_line_breaks_and_a_checkbox():
    report = Report()
    responses, answers, new_items = redcap(REAL / "redcap" / "simple", report, mapping_of(SIMPLE_MAPPING))
    assert report.ok, report.lines()
    # complete: the forms holding mapped fields (health, race_and_ethnicity) must both be 2
    assert responses[["respondent", "program", "email", "complete", "_row"]].values.tolist() == [
        ["1", "MD", "nutty@mouse.com", "false", 2], ["2", "MD", "tummy@mouse.comm", "false", 3],
        ["3", "MD", "mw@mwood.net", "true", 4], ["4", "MD", "peroxide@blonde.com", "true", 5],
        ["5", "MD", "left@hippocket.com", "false", 6]]
    text = {r.respondent: r.text for r in answers.itertuples() if r.item_id == "simple_comments"}
    assert text["4"] == ("This record doesn't have a DAG assigned\n\nSo call up Trudy on the telephone\n"
                         "Send her a letter in the mail")
    white = {r.respondent: r.value for r in answers.itertuples() if r.item_id == "simple_white"}
    assert white == {"1": 1.0, "2": 1.0, "3": 1.0, "4": 1.0, "5": 0.0}
    assert new_items["item_id"].tolist() == ["simple_comments", "simple_white", "simple_ethnicity"]
    assert new_items[["response_type", "scale_min", "scale_max"]].values.tolist()[1] == ["yes_no", 0, 1]


def test_the_redcap_simple_project_gender_values_true_false_are_not_among_the_dictionary_choices():
    mapping = mapping_of(SIMPLE_MAPPING + '''
[[question]]
column = "sex"
new_item = "simple_sex"
text = "Gender"
construct = "demographics"
scale = [0, 1]
higher_is_better = true
''')
    report = Report()
    redcap(REAL / "redcap" / "simple", report, mapping)
    assert [str(p) for p in report.errors][:2] == [
        "data.csv, row 2, column 'sex': 'FALSE' is not among the choices of sex in the data dictionary: "
        "0 (Female), 1 (Male)",
        "data.csv, row 3, column 'sex': 'TRUE' is not among the choices of sex in the data dictionary: "
        "0 (Female), 1 (Male)"]


def test_the_redcap_survey_project_reads_not_completed_timestamps_as_incomplete():
    report = Report()
    redcap(REAL / "redcap" / "survey", report)
    assert any("map them with a mapping file" in p.message for p in report.errors)
    mapping = mapping_of('''
program = "MD"

[[question]]
column = "has_diabetes"
new_item = "survey_diabetes"
type = "yes_no"
text = "I currently have Type 2 Diabetes"
construct = "health"
higher_is_better = false

[[question]]
column = "pmq1"
new_item = "survey_pills"
text = "On average, how many pills did you take each day last week?"
construct = "health"
scale = [0, 3]
higher_is_better = false

[[question]]
column = "consent___1"
new_item = "survey_consent"
type = "yes_no"
text = "I consent"
construct = "consent"
higher_is_better = true
''')
    report = Report()
    responses, answers, _ = redcap(REAL / "redcap" / "survey", report, mapping)
    assert report.ok, report.lines()
    assert responses[["respondent", "program", "email", "complete"]].values.tolist() == [
        ["1", "MD", "aaa@bbb.com", "false"], ["2", "MD", "ccc@ddd.com", "false"]]
    assert answers_of(answers) == [("1", "survey_diabetes", 1.0, ""), ("1", "survey_consent", 1.0, ""),
                                   ("2", "survey_diabetes", 0.0, ""), ("2", "survey_consent", 0.0, "")]


DICTIONARY = (CORPUS / "redcap_bad_choice" / "dictionary.csv").read_bytes()


def test_a_redcap_not_completed_timestamp_alone_makes_the_response_incomplete():
    data = (b"record_id,program,wellbeing_timestamp,peers_space,wellbeing_complete\n"
            b"1,MD,2024-04-01 10:00:00,4,2\n2,MD,[not completed],5,2\n")
    report = Report()
    responses, _, _ = parse_redcap(data, "data.csv", DICTIONARY, "dictionary.csv", report)
    assert report.ok, report.lines()
    assert responses["complete"].tolist() == ["true", "false"]


def test_redcap_events_and_repeated_instances_are_responses_of_their_own_and_inherit_the_program():
    data = (b"record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,program,class_year,"
            b"peers_space,wellbeing_complete\n"
            b"1,year_1_arm_1,,,MD,MS1,4,2\n"
            b"1,year_2_arm_1,,,,MS2,5,2\n"
            b"1,year_2_arm_1,wellbeing,1,,,3,2\n"
            b"1,year_2_arm_1,wellbeing,2,,,2,1\n"
            b"2,year_1_arm_1,,,MD,MS1,,0\n")
    report = Report()
    responses, answers, _ = parse_redcap(data, "events.csv", DICTIONARY, "dictionary.csv", report)
    assert report.ok, report.lines()
    assert responses[["respondent", "program", "class_year", "complete", "_row"]].values.tolist() == [
        ["1 | year_1_arm_1", "MD", "MS1", "true", 2], ["1 | year_2_arm_1", "MD", "MS2", "true", 3],
        ["1 | year_2_arm_1 | wellbeing | 1", "MD", "MS1", "true", 4],
        ["1 | year_2_arm_1 | wellbeing | 2", "MD", "MS1", "false", 5]]
    assert answers["value"].tolist() == [4.0, 5.0, 3.0, 2.0]
    assert "1 row(s) answer none of the mapped questions and were skipped (rows 6)" in [
        p.message for p in report.warnings]


def test_a_redcap_labels_export_is_read_through_the_dictionary():
    data = (b"Record ID,Program,Class year,My PEERS group is a space where I can talk about challenges,"
            b"I feel part of a community at school,Complete?\n"
            b"1,Internal Medicine,PGY1,Strongly agree,Disagree,Complete\n"
            b"2,MD,MS2,Neither agree nor disagree,Agree,Incomplete\n")
    report = Report()
    responses, answers, _ = parse_redcap(data, "labels.csv", DICTIONARY, "dictionary.csv", report)
    assert report.ok, report.lines()
    assert responses[["respondent", "program", "class_year", "complete"]].values.tolist() == [
        ["1", "Internal Medicine", "PGY1", "true"], ["2", "MD", "MS2", "false"]]
    assert answers_of(answers) == [("1", "peers_space", 5.0, ""), ("1", "peers_community", 2.0, ""),
                                   ("2", "peers_space", 3.0, ""), ("2", "peers_community", 4.0, "")]


def test_redcap_without_its_dictionary_reads_numbers_and_recommends_the_dictionary():
    report = Report()
    _, answers, _ = redcap(CORPUS / "redcap_bad_choice", report, dictionary=False)
    assert "importing the data dictionary with it is recommended" in report.warnings[0].message
    assert [(p.row, p.column) for p in report.errors] == [(3, "peers_space")]  # 7 is outside 1 to 5
    assert len(answers) == 5


# --- mappings -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, line, words", [
    ('[[question]]\ncolumn = "A"\nnew_item = "sleep"\ntext = "Sleep"\nscale = [1, 5]\nhigher_is_better = true\n',
     1, "a new item needs construct"),
    ('[[question]]\ncolumn = "A"\nnew_item = "sleep"\ntext = "Sleep"\nconstruct = "sleep"\nscale = [1, 5]\n',
     1, "higher_is_better = true"),
    ('[[question]]\ncolumn = "A"\nitem = "peers_space"\nvalues = "agreement"\n', 1,
     "values = 'agreement' is not defined"),
    ('\n[[question]]\ncolumn = "A"\nitem = "peers_space"\n\n[[question]]\ncolumn = "A"\nitem = "peers_coping"\n',
     6, "column 'A' is mapped twice (also at line 2)"),
    ('programme = "MD"\n', 1, "unknown setting 'programme'"),
    ('[columns]\nrespondant = "ID"\n', 2, "unknown entry 'respondant' in [columns]"),
    ('[[question]]\ncolumn = "A"\nnew_item = "peers_space"\n', 1, "is already a catalogue item"),
    ('[[question]]\ncolumn = "A"\nnew_item = "x"\ntext = "X"\nconstruct = "c"\nscale = [1, 5]\n'
     'favourable = [4, 6]\nhigher_is_better = true\n', 1, "favourable must be"),
    ('[values.agree]\n"Agree" = "four"\n', 1, "must be given a number"),
])
def test_a_wrong_mapping_is_refused_naming_the_mapping_file_and_line(text, line, words):
    report = Report()
    assert load_mapping(text, "my_mapping.toml", report) is None
    problem = report.errors[0]
    assert (problem.file, problem.row) == ("my_mapping.toml", line)
    assert words in problem.message


def test_a_mapping_can_be_made_in_code_to_set_the_program_chosen_when_importing():
    report = Report()
    responses, _, _ = parse_qualtrics(QUALTRICS.read_bytes(), QUALTRICS.name, report, Mapping(program="MD"))
    assert NO_PLACE not in [p.message for p in report.errors]
    assert responses["program"].tolist() == ["MD"]


def test_a_response_with_none_of_program_cohort_class_year_email_or_roster_id_is_an_error_of_its_row():
    mapping = mapping_of('[columns]\nrespondent = "id"\nclass_year = "year"\n\n'
                         '[[question]]\ncolumn = "space"\nitem = "peers_space"\n')
    table = readers.read_table(b"id,year,space\nr1,MS1,4\nr2,,5\n", "years.csv")
    report = Report()
    parse_mapped(table, mapping, report)
    assert [(p.row, p.message) for p in report.errors] == [
        (3, "this response has no program, cohort, class year, e-mail or roster id; the dashboard needs one of "
            "them to place it")]


def test_an_xlsx_file_imports_through_a_mapping():
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["id", "program", "year", "space", "peers", "comment"], ["x1", "MD", "MS4", 5, 4.0, "ok"],
                ["x2", "MD", "MS4", "Agree", None, None]]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    report = Report()
    mapping = mapping_of((CORPUS / "basic_mapping.toml").read_text())
    _, answers, _ = parse_mapped(readers.read_table(buffer.getvalue(), "survey.xlsx"), mapping, report)
    assert report.ok, report.lines()
    assert answers_of(answers) == [("x1", "peers_space", 5.0, ""), ("x1", "peers_peer_support", 4.0, ""),
                                   ("x1", "comment", None, "ok"), ("x2", "peers_space", 4.0, "")]


# --- the corpus of malformed files --------------------------------------------------------------------------

BASIC = "basic_mapping.toml"
CASES = [
    # (data file, mapping file, parser, [(severity, row, column, words)])
    ("likert_out_of_range.csv", BASIC, "mapped", [
        ("error", 3, "space", "'6' is outside the scale of peers_space (1 to 5)"),
        ("error", 4, "peers", "'0' is outside the scale of peers_peer_support (1 to 5)")]),
    ("unknown_label.csv", BASIC, "mapped", [
        ("error", 3, "space", "'Sort of' is not an answer peers_space accepts; accepted: 'Strongly disagree', "
                              "'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree' or a number "
                              "from 1 to 5")]),
    ("duplicate_respondent.csv", BASIC, "mapped", [
        ("error", 4, "id", "respondent id 'c1' appears twice: rows 2 and 4")]),
    ("missing_column.csv", BASIC, "mapped", [
        ("error", None, "peers", "the mapping basic_mapping.toml reads column 'peers' (peers_peer_support), which "
                                 "this file does not have; columns found: 'id', 'program', 'year', 'space', "
                                 "'comment'")]),
    ("formula_text.csv", BASIC, "mapped", []),
    ("decimal_comma_score.csv", "decimal_comma_score.toml", "mapped", []),
    ("bad_syntax.toml", None, "mapping", [
        ("error", 6, None, "this mapping file is not valid TOML (Invalid value (at line 6, column 8))")]),
    ("unknown_item.toml", None, "mapping", [
        ("error", 7, None, "'pss4_5' is not a catalogue item id (did you mean pss4_4")]),
    ("redcap_bad_choice", None, "redcap", [
        ("error", 3, "peers_space", "'7' is not among the choices of peers_space in the data dictionary: "
                                    "1 (Strongly disagree), 2 (Disagree)")]),
    ("qualtrics_legacy.csv", None, "qualtrics", [
        ("warning", None, None, "this is a legacy Qualtrics export (2 header rows)"),
        ("warning", 4, "Status", "skipped: the response is a survey preview (Status '1')")]),
]


def run_case(data: str, mapping_file: str | None, parser: str, report: Report):
    if parser == "mapping":
        return load_mapping((CORPUS / data).read_text(), data, report)
    if parser == "redcap":
        return redcap(CORPUS / data, report)
    if parser == "qualtrics":
        return parse_qualtrics((CORPUS / data).read_bytes(), data, report)
    return mapped(CORPUS / data, mapping_of((CORPUS / mapping_file).read_text(), mapping_file), report)


@pytest.mark.parametrize("data, mapping_file, parser, expected", CASES, ids=[c[0] for c in CASES])
def test_each_malformed_survey_file_gets_its_message_naming_file_row_and_column(data, mapping_file, parser,
                                                                               expected):
    report = Report()
    run_case(data, mapping_file, parser, report)
    file = "data.csv" if parser == "redcap" else data
    assert len(report.problems) == len(expected), report.lines()
    for (severity, row, column, words), problem in zip(expected, report.problems):
        assert (problem.severity, problem.file, problem.row, problem.column) == (severity, file, row, column)
        assert words in problem.message


def test_the_corpus_holds_at_least_eight_malformed_files():
    assert len(CASES) >= 8


def test_a_decimal_comma_score_is_accepted_as_a_number_and_kept_as_a_new_scale_item():
    report = Report()
    _, answers, new_items = run_case("decimal_comma_score.csv", "decimal_comma_score.toml", "mapped", report)
    assert answers_of(answers) == [("f1", "pss4_total_reported", 12.5, ""), ("f1", "comment", None, "Fine"),
                                   ("f2", "pss4_total_reported", 7.0, "")]
    assert new_items.to_dict("records") == [dict(
        item_id="pss4_total_reported", instrument_id="custom",
        item_text="PSS-4 total score, as computed by the survey tool",
        short_label="PSS-4 total score, as computed by the survey tool", construct="stress",
        response_type="scale", scale_min=0, scale_max=16, favorable_min=None, favorable_max=None,
        higher_is_better=False, reverse_scored=False, _file="decimal_comma_score.toml", _row=7)]


def test_a_formula_like_free_text_is_kept_as_text():
    report = Report()
    _, answers, _ = run_case("formula_text.csv", BASIC, "mapped", report)
    assert ("e1", "comment", None, "=1+1") in answers_of(answers)


def test_a_legacy_qualtrics_export_imports_its_catalogue_questions_by_question_text():
    report = Report()
    responses, answers, _ = run_case("qualtrics_legacy.csv", None, "qualtrics", report)
    assert responses.values.tolist() == [
        ["R_1a", "MD", "", "MS1", "", "", "true", "id:R_1a", "qualtrics_legacy.csv", 3],
        ["R_3c", "MD", "", "MS2", "", "", "false", "id:R_3c", "qualtrics_legacy.csv", 5]]
    assert answers_of(answers) == [("R_1a", "peers_peer_support", 4.0, ""), ("R_1a", "peers_community", 5.0, ""),
                                   ("R_1a", "comment", None, "Good group,\nthanks"),
                                   ("R_3c", "peers_peer_support", 2.0, "")]


def test_a_legacy_qualtrics_export_starting_with_response_id_is_read_too():
    data = (b"ResponseID,ResponseSet,StartDate,Finished,Q1,Program\n"
            b"ResponseID,ResponseSet,StartDate,Finished,I feel supported by my facilitators,Program\n"
            b"R_9z,Default,2015-03-01,1,Strongly disagree,Pediatrics\n")
    report = Report()
    responses, answers, _ = parse_qualtrics(data, "old.csv", report)
    assert report.ok, report.lines()
    assert responses[["respondent", "program", "_row"]].values.tolist() == [["R_9z", "Pediatrics", 3]]
    assert answers_of(answers) == [("R_9z", "peers_facilitator_support", 1.0, "")]


# --- suggested mappings -------------------------------------------------------------------------------------


def test_a_suggested_mapping_guesses_who_answered_and_catalogue_items_and_loads_as_it_is():
    table = readers.read_table((EXAMPLES / "annual_survey_2024.csv").read_bytes(), "annual_survey_2024.csv")
    text = suggest_mapping(table)
    assert '[columns]\nrespondent = "Response ID"\nprogram = "Program"\nclass_year = "Class year"' in text
    assert 'id = "pss4"\ncolumns = [\n    "PSS 1",\n    "PSS 2",\n    "PSS 3",\n    "PSS 4",\n]' in text
    # answers are never copied into the suggestion: a known wording list is named, nothing "seen"
    assert '# column = "Q2 Peers"' in text and '"Neutral" = 3' in text and "seen" not in text
    mapping = mapping_of(text)
    assert [q.item_id for q in mapping.questions] == ["pss4_1", "pss4_2", "pss4_3", "pss4_4"]


def test_a_suggested_mapping_for_the_qualtrics_fixture_offers_new_items_from_the_question_text():
    table = readers.read_table(QUALTRICS.read_bytes(), QUALTRICS.name)
    text = suggest_mapping(table)
    assert '# program = "MD"' in text
    assert '# column = "Q1"\n# new_item = "q1"\n# text = "This is a multiple choice question."' in text
    assert "StartDate" not in text and "IPAddress" not in text
    uncommented = "\n".join(line[2:] if line.startswith("# ") and "=" in line and "[[" not in line else
                            ("[[question]]" if line == "# [[question]]" else line)
                            for line in text.splitlines()).replace('construct = "..."', 'construct = "demo"')
    uncommented = uncommented.replace("[?, ?]", "[1, 5]").replace("higher_is_better = ?", "higher_is_better = true")
    assert load_mapping(uncommented, "edited.toml", Report()) is not None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20).filter(lambda s: s.strip() and s.strip() != "_row"),
                min_size=1, max_size=6, unique_by=lambda s: s.strip().casefold()))
def test_a_suggested_mapping_is_valid_toml_whatever_the_column_names(names):
    frame = pd.DataFrame({n: ["1", "4"] for n in names})
    frame["_row"] = [2, 3]
    text = suggest_mapping(readers.Table("any.csv", list(names), frame))
    report = Report()
    assert load_mapping(text, "suggested.toml", report) is not None, (text, report.lines())
