"""The suggested mapping is safe and useful: it never proposes a column that identifies people as a question, never
copies an answer into the file, takes scales from the instrument library or the data dictionary, recognises the
library's instruments and the class year, and a file of known questions imports with it unedited."""
from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from peers_dash.ingest import read as readers
from peers_dash.ingest.formats.parsers.redcap_dictionary import parse_choices
from peers_dash.ingest.pipeline import Request, init_database, run_import
from peers_dash.ingest.problems import Report
from peers_dash.ingest.suggest.mapping import suggest_mapping
from peers_dash.ingest.survey.columns import guess_item
from peers_dash.ingest.survey.mapping import BUILTIN_VALUES, Mapping, norm
from peers_dash.ingest.survey.mapping_file import load_mapping
from peers_dash.model.instruments import GAD_STEM, LIBRARY, PHQ_STEM, library_by_id

HERE = Path(__file__).parent
REAL = HERE / "fixtures_real"
CORPUS = HERE / "ingest_corpus_survey"
EXAMPLES = HERE / "survey_examples"
PHQ = [item["text"] for item in library_by_id()["phq9"]["items"]]
GAD = [item["text"] for item in library_by_id()["gad7"]["items"]]
# columns of the fixtures that identify people (beside those their data dictionary marks as identifiers)
IDENTIFYING = {"name_first", "name_last", "address", "telephone", "email", "dob", "first_name", "last_name",
               "telephone_1", "mugshot", "withdraw_date", "date_visit_4", "discharge_date_4", "RecipientFirstName",
               "RecipientLastName", "RecipientEmail", "IPAddress", "LocationLatitude", "LocationLongitude", "Name",
               "EmailAddress"}


def _surveys() -> list[tuple[Path, Path | None]]:
    out: list[tuple[Path, Path | None]] = [(REAL / "qualtrics" / "qualtrics_export_3header.csv", None)]
    for folder in [REAL / "redcap" / "simple", REAL / "redcap" / "survey"] + sorted(
            p for p in CORPUS.iterdir() if p.is_dir()):
        out.append((folder / "data.csv", folder / "dictionary.csv"))
    out += [(p, None) for p in sorted(CORPUS.glob("*.csv")) + sorted(EXAMPLES.glob("*.csv"))]
    return out


SURVEYS = _surveys()


def suggestion(data: bytes, name: str, dictionary: object = None, **kw) -> str:
    return suggest_mapping(readers.read_table(data, name), dictionary, **kw)


def loaded(text: str) -> Mapping:
    report = Report()
    mapping = load_mapping(text, "suggested.toml", report)
    assert mapping is not None and report.ok, (report.lines(), text)
    return mapping


def proposed_columns(text: str) -> set[str]:
    """Every column the suggestion proposes as a question, mapped or commented out."""
    out = {q.column for q in loaded(text).questions}
    for line in text.splitlines():
        m = re.match(r"^#\s*(column|score)\s*=\s*(\".*\")\s*$", line)
        if m:
            out.add(tomllib.loads(f"x = {m.group(2)}")["x"])
    return out


def data_cells(path: Path) -> list[str]:
    """Every non-empty cell of the data rows (after the header rows: 3 or 2 for Qualtrics exports)."""
    raw = readers.read_raw(path.read_bytes(), path.name)
    start = 1
    if len(raw) > 2 and any(c.startswith('{"ImportId"') for c in raw[2]):
        start = 3
    elif raw and raw[0][:2] in (["V1", "V2"], ["ResponseID", "ResponseSet"]):
        start = 2
    return [c for row in raw[start:] for c in row if c.strip()]


def standard_wordings(dictionary: Path | None) -> set[str]:
    words = {norm(k) for values in BUILTIN_VALUES.values() for k in values}
    words |= {norm(x) for inst in LIBRARY for x in inst["answer_labels"] or []}
    words |= {norm(f"{p}{n}") for p in ("MS", "PGY", "G") for n in range(1, 9)}  # the class years themselves
    if dictionary is not None:
        frame = pd.read_csv(dictionary, dtype=str).fillna("")
        col = next(c for c in frame.columns if c.startswith("Choices"))
        words |= {norm(label) for text in frame[col] for label in parse_choices(text).values()}
    return words


def dictionary_identifiers(dictionary: Path | None) -> set[str]:
    if dictionary is None:
        return set()
    frame = pd.read_csv(dictionary, dtype=str).fillna("")
    flagged = frame[frame["Identifier?"].str.strip().str.lower() == "y"]
    return set(flagged["Variable / Field Name"])


def csv_bytes(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


def frame_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    pd.DataFrame(rows).to_csv(buf, index=False)
    return buf.getvalue().encode()


def import_survey(tmp_path: Path, files: list[tuple[str, bytes]], mapping: str):
    db = tmp_path / "s.duckdb"
    init_database(db, "U")
    outcome = run_import(db, Request("survey", files, wave="2024-25 annual", mapping=("m.toml", mapping.encode()),
                                     create_new=True, who="t"))
    assert outcome.applied, (outcome.report.lines(), mapping)
    con = duckdb.connect(str(db), read_only=True)
    scores = Counter()
    for iid, score, n in con.execute("SELECT instrument_id, score, n FROM score_rollup").fetchall():
        scores[(iid, float(score))] += int(n)
    con.close()
    return scores


# --- every survey fixture ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path, dictionary", SURVEYS, ids=[str(p.relative_to(HERE)) for p, _ in SURVEYS])
def test_the_suggestion_for_every_survey_fixture_loads_and_holds_no_identifier_and_no_answer(path, dictionary):
    dd = dictionary.read_bytes() if dictionary else None
    text = suggestion(path.read_bytes(), path.name, dd)
    loaded(text)
    table_columns = set(readers.read_table(path.read_bytes(), path.name).columns)
    identifying = (IDENTIFYING | dictionary_identifiers(dictionary)) & (table_columns | dictionary_identifiers(
        dictionary))
    assert not proposed_columns(text) & identifying
    standard = standard_wordings(dictionary)
    for cell in data_cells(path):
        if len(cell.strip()) < 4 or norm(cell) in standard:
            continue
        for form in {cell.strip(), " ".join(cell.split())}:
            assert not re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text), (cell, text)
    lines = text.splitlines()
    assert not any(re.match(r"#\s*values seen", ln) or "seen:" in ln for ln in lines)
    assert not re.search(r"\d\s*,\s*\d+\s*,\s*\d", text)  # no list of observed numbers
    if dictionary is None:  # a scale is '?' unless it comes with a standard wording list
        for i, ln in enumerate(lines):
            if re.match(r"#?\s*scale = \[\d", ln):
                assert lines[i - 1].startswith("# values = "), (ln, text)


def test_identifier_columns_of_the_real_fixtures_are_left_out_by_name():
    text = suggestion((REAL / "redcap" / "simple" / "data.csv").read_bytes(), "data.csv",
                      (REAL / "redcap" / "simple" / "dictionary.csv").read_bytes())
    assert "# Left out: 6 columns that identify people (name_first, name_last, address, telephone, dob, mugshot)" \
           in text
    assert 'email = "email"' in text
    assert '# column = "sex"' in text and '# values = { "Female" = 0, "Male" = 1 }' in text
    assert "# scale = [0, 1]" in text  # from the dictionary's choices, still commented out


# --- columns that identify people ----------------------------------------------------------------------------


def test_names_emails_phones_birth_dates_ips_and_addresses_are_never_questions():
    rows = [["Response ID", "Program", "Class year", "Name", "First name", "Email", "Phone", "DOB", "IP", "Address",
             "Zip code", "Contact", "Q7", "Q8", "Q9", "Q10", "I feel supported by my peers"]]
    for k in range(6):
        rows.append([f"R{k}", "MD", "MS1", f"Pat Doe{k}", f"Pat{k}", f"pat{k}@school.edu", f"(555) 010-00{k}0",
                     f"1999-0{k + 1}-1{k}", f"10.1.2.{k}", f"{k}2 Elm Street", f"0210{k}", f"kim{k}@mail.org",
                     f"+1 617 555 01{k}{k}", f"0{k + 1}/1{k}/1998", f"192.168.0.{k}", f"{k}4 Oak Road", "Agree"])
    data = csv_bytes(rows)
    text = suggestion(data, "ids.csv")
    proposed = proposed_columns(text)
    hidden = {"Name", "First name", "Email", "Phone", "DOB", "IP", "Address", "Zip code", "Contact", "Q7", "Q8",
              "Q9", "Q10"}
    assert not proposed & hidden
    assert proposed == {"I feel supported by my peers"}
    assert [ln for ln in text.splitlines() if '"Email"' in ln] == ['email = "Email"']
    left_out = " ".join(ln for ln in text.splitlines() if ln.startswith("# Left out") or ln.startswith("# ") and
                        "They are never imported" in ln)
    assert "12 columns that identify people" in left_out
    for cell in {c for row in rows[1:] for c in row if len(c) >= 4 and norm(c) != "agree"}:
        assert cell not in text


def test_a_field_the_data_dictionary_marks_as_identifier_is_never_a_question():
    data = csv_bytes([["record_id", "program", "class_year", "q5", "peers_space", "wellbeing_complete"],
                      ["1", "MD", "MS1", "blue", "4", "2"], ["2", "MD", "MS2", "green", "5", "2"]])
    head = ['"Variable / Field Name"', '"Form Name"', '"Section Header"', '"Field Type"', '"Field Label"',
            '"Choices, Calculations, OR Slider Labels"', '"Field Note"', '"Text Validation Type OR Show Slider Number"',
            '"Text Validation Min"', '"Text Validation Max"', "Identifier?"]
    dd = "\n".join([",".join(head),
                    "record_id,wellbeing,,text,Record ID,,,,,,",
                    "program,wellbeing,,text,Program,,,,,,",
                    "class_year,wellbeing,,text,Class year,,,,,,",
                    "q5,wellbeing,,text,Favourite colour,,,,,,y",
                    'peers_space,wellbeing,,radio,"My PEERS group is a space where I can talk about challenges",'
                    '"1, Strongly disagree | 2, Disagree | 3, Neither agree nor disagree | 4, Agree | 5, Strongly '
                    'agree",,,,,']).encode()
    as_frame = pd.read_csv(io.BytesIO(dd), dtype=str)
    texts = {suggestion(data, "data.csv", given) for given in (dd, ("dictionary.csv", dd), as_frame)}
    assert len(texts) == 1
    text = texts.pop()
    assert "q5" not in proposed_columns(text)
    assert "# Left out: 1 column that identifies people (q5)" in text
    assert [q.item_id for q in loaded(text).questions] == ["peers_space"]
    assert "blue" not in text and "green" not in text


# --- instruments, class year and imports without editing -----------------------------------------------------


def _phq_gad_rows(years: list[str]) -> tuple[list[dict], Counter]:
    rows, expected = [], Counter()
    for k in range(12):
        row = {"Response ID": f"R{k:02d}", "Program": "MD", "Year of study": years[k % len(years)]}
        phq = [(k + i) % 4 for i in range(9)]
        gad = [(k * (i + 1)) % 4 for i in range(7)]
        row.update({f"PHQ9_{i + 1}": v for i, v in enumerate(phq)})
        row.update({GAD[i]: v for i, v in enumerate(gad)})
        rows.append(row)
        expected[("phq9", float(sum(phq)))] += 1
        expected[("gad7", float(sum(gad)))] += 1
    return rows, expected


def _instrument_columns(text: str) -> dict[str, list[str]]:
    data = tomllib.loads(text)
    return {b["id"]: b.get("columns") or b.get("score") for b in data.get("instrument", [])}


def test_phq9_by_name_and_gad7_by_question_text_with_a_year_of_study_import_after_a_translation(tmp_path):
    rows, expected = _phq_gad_rows([f"Year {n}" for n in range(1, 5)])
    data = frame_csv(rows)
    text = suggestion(data, "wide.csv")
    assert _instrument_columns(text) == {"phq9": [f"PHQ9_{i}" for i in range(1, 10)], "gad7": GAD}
    assert 'class_year = "Year of study"' in text
    assert "# [translate.class_year]" in text and '# [programs."NAME"]' in text
    assert "numbers_from = 1" not in [ln.strip() for ln in text.splitlines()]  # explained, not guessed
    assert "# If this file numbers them from 1 instead, add: numbers_from = 1" in text
    edited = text + '\n[translate.class_year]\n' + "\n".join(f'"Year {n}" = "MS{n}"' for n in range(1, 5)) + "\n"
    assert import_survey(tmp_path, [("wide.csv", data)], edited) == expected


def test_a_file_of_known_instruments_with_class_years_imports_with_the_suggestion_unedited(tmp_path):
    rows, expected = _phq_gad_rows([f"MS{n}" for n in range(1, 5)])
    data = frame_csv(rows)
    text = suggestion(data, "wide.csv")
    assert import_survey(tmp_path, [("wide.csv", data)], text) == expected


def test_a_program_given_by_the_caller_makes_a_file_without_one_import_unedited(tmp_path):
    rows, expected = _phq_gad_rows(["MS1", "MS2"])
    data = frame_csv([{k: v for k, v in r.items() if k != "Program"} for r in rows])
    # a class year alone does not say the program, which the dashboard needs: the suggestion says to set it
    assert "No column seems to give the program" in suggestion(data, "wide.csv")
    text = suggestion(data, "wide.csv", program="MD")
    assert text.count('program = "MD"') == 1 and '\nprogram = "MD"\n' in text
    assert import_survey(tmp_path, [("wide.csv", data)], text) == expected


def test_a_qualtrics_matrix_of_stem_and_item_texts_imports_unedited(tmp_path):
    names = ["StartDate", "IPAddress", "Progress", "Finished", "ResponseId", "RecipientFirstName", "Program",
             "ClassYear"] + [f"Q3_{i}" for i in range(1, 10)]
    texts = ["Start Date", "IP Address", "Progress", "Finished", "Response ID", "Recipient First Name", "Program",
             "ClassYear"] + [f"{PHQ_STEM} - {t}" for t in PHQ]
    ids = [json.dumps({"ImportId": n}) for n in names]
    labels = library_by_id()["phq9"]["answer_labels"]
    rows, expected = [names, texts, ids], Counter()
    for k in range(6):
        answers = [(k + i) % 4 for i in range(9)]
        rows.append(["2024-03-01 10:00:00", f"10.0.0.{k}", "100", "1", f"R_{k}x", f"Alex{k}", "Pediatrics",
                     f"PGY{k % 3 + 1}"] + [labels[a] for a in answers])
        expected[("phq9", float(sum(answers)))] += 1
    data = csv_bytes(rows)
    text = suggestion(data, "qualtrics.csv")
    assert "# Read as a Qualtrics export (3 header rows)" in text
    assert _instrument_columns(text) == {"phq9": [f"Q3_{i}" for i in range(1, 10)]}
    assert "RecipientFirstName" not in text and "Alex" not in text and "10.0.0" not in text
    assert 'class_year = "ClassYear"' in text
    assert import_survey(tmp_path, [("qualtrics.csv", data)], text) == expected


def test_a_redcap_instrument_coded_from_1_gets_numbers_from_and_imports_unedited(tmp_path):
    choices = " | ".join(f"{i + 1}, {label}" for i, label in enumerate(library_by_id()["gad7"]["answer_labels"]))
    dd = [["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
           "Choices, Calculations, OR Slider Labels", "Identifier?"],
          ["record_id", "gad", "", "text", "Record ID", "", ""],
          ["program", "gad", "", "text", "Program", "", ""],
          ["class_year", "gad", "", "text", "Year in school", "", ""],
          ["sleep", "gad", "", "radio", "How well did you sleep?", "1, Badly | 2, Fairly | 3, Well", ""]]
    dd += [[f"gad_{i}", "gad", "", "radio", GAD_STEM + " " + GAD[i - 1], choices, ""] for i in range(1, 8)]
    rows, expected = [["record_id", "program", "class_year", "sleep"] + [f"gad_{i}" for i in range(1, 8)]
                      + ["gad_complete"]], Counter()
    for k in range(5):
        answers = [(k + i) % 4 for i in range(7)]
        rows.append([str(k + 1), "Surgery", f"PGY{k % 2 + 1}", "2"] + [str(a + 1) for a in answers] + ["2"])
        expected[("gad7", float(sum(answers)))] += 1
    data, dictionary = csv_bytes(rows), csv_bytes(dd)
    text = suggestion(data, "data.csv", dictionary)
    assert "# Read as a REDCap export with its data dictionary." in text
    assert _instrument_columns(text) == {"gad7": [f"gad_{i}" for i in range(1, 8)]}
    assert re.search(r"^numbers_from = 1\s+#", text, re.M)
    assert '# values = { "Badly" = 1, "Fairly" = 2, "Well" = 3 }' in text and "# scale = [1, 3]" in text
    assert import_survey(tmp_path, [("data.csv", data), ("dictionary.csv", dictionary)], text) == expected


@pytest.mark.parametrize("iid, name", [("phq9", "phq-9 q{}"), ("gad7", "GAD7_{}"), ("cesd20", "cesd_{}"),
                                       ("who5", "who5_{}"), ("pss10", "pss10_{}"), ("brs", "brs{}"),
                                       ("ucla3", "UCLA {}"), ("cesd10", "CESD10-{}"), ("pss4", "PSS {}")])
def test_instrument_items_are_recognised_by_name_in_item_order(iid, name):
    n = len(library_by_id()[iid]["items"])
    columns = [name.format(i) for i in range(n, 0, -1)]  # the file holds them in reverse order
    data = frame_csv([{"id": "a", "class year": "MS1", **{c: "1" for c in columns}}])
    text = suggestion(data, "items.csv")
    assert _instrument_columns(text) == {iid: columns[::-1]}


def test_a_total_computed_by_the_survey_tool_is_mapped_as_a_score():
    data = frame_csv([{"id": "a", "program": "MD", "PHQ9 total": "12", "Maslach EE": "20", "PSS total": "5"}])
    text = suggestion(data, "totals.csv")
    assert _instrument_columns(text) == {"phq9": "PHQ9 total", "maslach_ee": "Maslach EE"}
    assert '# id = "pss10" or "pss4" and score = "PSS total"' in text


def test_the_legacy_qualtrics_export_has_its_catalogue_questions_recognised_by_question_text(tmp_path):
    path = CORPUS / "qualtrics_legacy.csv"
    text = suggestion(path.read_bytes(), path.name)
    assert "# Read as a legacy Qualtrics export (2 header rows)" in text
    mapping = loaded(text)
    assert [(q.column, q.item_id) for q in mapping.questions] == [
        ("Q1", "peers_peer_support"), ("Q2", "peers_community"), ("Q3", "comment")]
    assert mapping.columns == {"respondent": "ResponseID", "program": "Program", "class_year": "ClassYear",
                               "email": "EmailAddress", "roster_id": "ExternalDataReference"}
    db = tmp_path / "l.duckdb"
    init_database(db, "U")
    outcome = run_import(db, Request("survey", [(path.name, path.read_bytes())], wave="2024-25 annual",
                                     mapping=("m.toml", text.encode()), create_new=True, who="t"))
    assert outcome.applied, outcome.report.lines()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT item_id, count(*) FROM answers GROUP BY 1 ORDER BY 1").fetchall() == [
        ("comment", 1), ("peers_community", 1), ("peers_peer_support", 2)]
    con.close()


def test_a_lone_question_shared_by_two_instruments_is_the_shorter_ones():
    pss = library_by_id()["pss10"]["items"][4]["text"]
    assert guess_item("Q9", pss) == "pss4_3"
    assert guess_item("Q1", f"{PHQ_STEM} - {PHQ[0]}") == "phq2_1"
    assert guess_item("PHQ9_1") == "phq9_1" and guess_item("PSS 2") == "pss4_2" and guess_item("Year") is None


@pytest.mark.parametrize("header, item", [(GAD[3].upper() + " !!", "gad7_4"), (f"{GAD_STEM} {GAD[3]}", "gad7_4"),
                                          (f"{PHQ_STEM} - {GAD[3]}", "gad7_4"), (f"{PHQ_STEM} - {PHQ[5]}", "phq9_6"),
                                          ("over the last two weeks:  I have felt calm, and relaxed", "who5_2")])
def test_question_texts_are_recognised_whatever_their_case_spacing_punctuation_or_stem(header, item):
    assert guess_item("Q1", header) == item


@pytest.mark.parametrize("name", ["Year of study", "Study year", "Year in school", "Year of training", "Class_Year",
                                  "MS year", "PGY", "Training level", "Year", "YearOfStudy"])
def test_a_year_of_study_column_is_the_class_year(name):
    text = suggestion(frame_csv([{"Response ID": "a", name: "Year 2", "Q1": "3"}]), "y.csv")
    assert f"class_year = {json.dumps(name)}" in text.splitlines()
    assert "# [translate.class_year]" in text and text.count("Year 2") == 1  # the generic example only


def test_a_qualtrics_question_asking_the_year_of_study_is_the_class_year():
    names, texts = ["ResponseId", "Q5", "Q6"], ["Response ID", "What is your current year of study?", "Comments?"]
    data = csv_bytes([names, texts, [json.dumps({"ImportId": n}) for n in names], ["R_1", "Year 3", "ok"]])
    text = suggestion(data, "q.csv")
    assert 'class_year = "Q5"' in text.splitlines() and '# column = "Q5"' not in text
