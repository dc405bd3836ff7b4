"""Attendance formats: a corpus of malformed files with their exact problems, the real Zoom and Teams
exports with minutes checked by hand, the templates read back without error, and format detection."""
from __future__ import annotations

from pathlib import Path

import pytest

from peers_dash.ingest.canonical import ATTENDANCE, MEETING, ROSTER, SESSIONS
from peers_dash.ingest.formats import detect_format
from peers_dash.ingest.formats.parsers.teams import parse_duration, parse_teams
from peers_dash.ingest.formats.parsers.templates import (
    parse_roster,
    parse_sessions,
    parse_signin,
)
from peers_dash.ingest.formats.parsers.zoom import parse_zoom
from peers_dash.ingest.problems import Report
from peers_dash.ingest.read import ReadError, read_table
from peers_dash.ingest.templates import EXAMPLES, KINDS, TEMPLATE_HELP, template_csv, template_xlsx

HERE = Path(__file__).parent
CORPUS = HERE / "ingest_corpus"
REAL = HERE / "fixtures_real"
PARSERS = {"roster": parse_roster, "sessions": parse_sessions, "signin": parse_signin, "zoom": parse_zoom,
           "teams": parse_teams}
FRAMES = {"roster": ROSTER, "sessions": SESSIONS, "signin": ATTENDANCE, "zoom": MEETING, "teams": MEETING}

# file -> (parser, expected): 'ok', or problems as (row, column, exact message part); 'read' = a ReadError.
CASES: dict[str, tuple[str, object]] = {
    "empty.csv": ("read", "empty.csv is empty."),
    "png_renamed.csv": ("read", "png_renamed.csv is a PNG image, not a table"),
    "old_excel.xls": ("read", "old_excel.xls is an old Excel file (.xls) that cannot be read: open it in Excel "
                              "and save it as .xlsx or CSV."),
    "nul_bytes.csv": ("read", "nul_bytes.csv contains NUL bytes"),
    "zip_not_xlsx.xlsx": ("read", "zip_not_xlsx.xlsx is a zip archive, not a spreadsheet"),
    "header_only.csv": ("signin", [(None, None, "there are no rows below the header")]),
    "missing_status_column.csv": ("signin", [(1, None, "the required column 'status' is missing (columns found: "
                                                       "program, cohort, group, date, session_number, email, "
                                                       "minutes)")]),
    "mixed_delimiter.csv": ("signin", [(3, None, "this row has 1 value but the header has 8 columns: check it "
                                                 "separates values with commas like the header")]),
    "bad_date.csv": ("sessions", [(3, "date", "'2024-02-30' is not a date (write it like 2024-09-15)")]),
    "mixed_dates.csv": ("signin", [(4, "date", "'29/09/2024' has the day first, unlike other dates in this "
                                               "column: write dates as YYYY-MM-DD")]),
    "status_maybe.csv": ("signin", [(2, "status", "status 'maybe' is not recognised: use present, excused or "
                                                  "absent")]),
    "session_11.csv": ("signin", [(2, "session_number", "session number '11' is not a whole number from 1 to 10")]),
    "negative_minutes.csv": ("signin", [(2, "minutes", "minutes cannot be negative ('-5')")]),
    "decimal_comma_minutes.csv": ("signin", [(2, "minutes", "minutes must be a whole number, not '45,5'")]),
    "duplicate_rows.csv": ("signin", [(4, None, "row 4 repeats row 2 exactly")]),
    "person_twice.csv": ("signin", [(3, "email", "ada@example.edu is listed twice for the same session "
                                                 "(rows 2 and 3)")]),
    "email_without_at.csv": ("roster", [(2, "email", "'ada.example.edu' does not look like an e-mail address")]),
    "end_before_start.csv": ("roster", [(2, "end_date", "end date 2024-01-15 is before start date 2024-08-05"),
                                        (2, "end_reason", "end reason 'holiday' is not recognised")]),
    "duplicate_header.csv": ("roster", [(1, "email", "the column 'email' appears more than once: keep one")]),
    "bad_modality.csv": ("sessions", [(2, "modality", "modality 'boat' is not recognised: use in_person, virtual "
                                                      "or hybrid")]),
    "bad_start_time.csv": ("sessions", [(2, "start_time", "'25:00' is not a time of day"),
                                        (2, "length_min", "'sixty' is not a number of minutes")]),
    "zoom_bad_duration.csv": ("zoom", [(2, "Duration (Minutes)", "'abc' is not a number of minutes"),
                                       (3, "Name (Original Name)", "no name given for this participant")]),
    "teams_bad_action.csv": ("teams", [(3, "User Action", "'Rejoined' is not Joined, Left or Joined before"),
                                       (4, "Timestamp", "'later' is not a date and time")]),
    "cp1252_zoe.csv": ("roster", "ok"),
    "utf16_no_bom.csv": ("signin", "ok"),
    "utf8_bom_semicolon_crlf.csv": ("roster", "ok"),
    "blank_rows_trailing_commas.csv": ("signin", "ok"),
    "quoted_line_break.csv": ("sessions", "ok"),
    "formula_name.csv": ("roster", "ok"),
    "xlsx_formula_dates.xlsx": ("roster", "ok"),
    "xlsx_second_sheet.xlsx": ("roster", "ok"),
    "teams_german.csv": ("teams", "ok"),
    "teams_report_2023.csv": ("teams", "ok"),
    "zoom_meeting_block.csv": ("zoom", "ok"),
}


def _parse(name: str, kind: str | None = None):
    data = (CORPUS / name).read_bytes()
    kind = kind or CASES[name][0]
    report = Report()
    frame = PARSERS[kind](read_table(data, name), report)
    return frame, report


def test_every_corpus_file_has_an_expected_outcome():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(CASES)
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_corpus_file_gives_exactly_its_expected_outcome(name):
    kind, expected = CASES[name]
    if kind == "read":
        with pytest.raises(ReadError) as caught:
            read_table((CORPUS / name).read_bytes(), name)
        assert str(expected) in str(caught.value) and name in str(caught.value)
        return
    frame, report = _parse(name)
    assert list(frame.columns) == [*FRAMES[kind], "_file", "_row"]
    if expected == "ok":
        assert report.errors == [], report.lines()
        assert len(frame) > 0 and set(frame["_file"]) == {name}
        return
    assert len(report.errors) == len(expected), report.lines()
    for row, column, message in expected:
        hits = [p for p in report.errors if p.row == row and p.column == column and message in p.message]
        assert hits, f"no error at row {row}, column {column}: {message!r} in {report.lines()}"
        line = str(hits[0])
        assert line.startswith(name)
        if row is not None:
            assert f"row {row}" in line
        if column is not None:
            assert repr(column) in line


def test_a_windows_1252_file_reads_zoe_with_her_accent():
    frame, _ = _parse("cp1252_zoe.csv")
    assert frame["name"].tolist() == ["Zoë Exemple"]


def test_blank_rows_and_trailing_commas_read_fine_with_real_row_numbers():
    frame, _ = _parse("blank_rows_trailing_commas.csv")
    assert frame["person"].tolist() == ["ada@example.edu", "ben@example.edu"]
    assert frame["_row"].tolist() == [3, 5]


def test_a_formula_in_a_name_is_kept_as_text_in_csv_and_xlsx():
    for name in ("formula_name.csv", "xlsx_formula_dates.xlsx"):
        frame, _ = _parse(name)
        assert frame["name"].iloc[0] == '=HYPERLINK("http://example.edu","Ada")'


def test_xlsx_cells_are_normalised_dates_and_whole_numbers():
    frame, _ = _parse("xlsx_formula_dates.xlsx")
    assert frame["start_date"].tolist() == ["2024-08-05", "2024-08-05"]
    assert frame["cohort"].tolist() == ["2028", "2028"] and frame["group"].tolist() == ["Group 07", "7"]
    assert frame["_row"].tolist() == [2, 4]


def test_a_date_written_unlike_the_rest_of_its_column_is_a_warning_not_an_error():
    data = (b"program,cohort,group,session_number,date\nMD,2028,7,1,2024-09-10\nMD,2028,7,2,2024-10-08\n"
            b"MD,2028,7,3,11/05/2024\n")
    report = Report()
    parse_sessions(read_table(data, "s.csv"), report)  # 11/05/2024 could be 5 November or 11 May: refused
    assert len(report.errors) == 1 and "'11/05/2024' is 5 November 2024 or 11 May 2024" in report.errors[0].message
    assert (report.errors[0].row, report.errors[0].column) == (4, 'date')
    report = Report()
    table = read_table(data, "s.csv")
    table.date_order = "mdy"  # the person importing said month first
    frame = parse_sessions(table, report)
    assert report.errors == []
    assert [(p.row, p.column) for p in report.warnings] == [(4, "date")]
    assert "'11/05/2024' is written differently from most dates in this column" in report.warnings[0].message
    assert frame["date"].tolist() == ["2024-09-10", "2024-10-08", "2024-11-05"]


def test_a_german_date_is_read_day_first():
    frame, _ = _parse("decimal_comma_minutes.csv")
    assert frame["date"].tolist() == ["2024-09-10"]  # 10.09.2024


# --- real exports ---------------------------------------------------------------------------------


def test_the_real_zoom_report_merges_rejoins_per_person():
    name = "zoom_participants.csv"
    report = Report()
    frame = parse_zoom(read_table((REAL / "zoom" / name).read_bytes(), name), report)
    assert report.problems == []
    assert len(frame) == 27  # 31 rows, 4 people rejoined
    people = frame.set_index("email")
    # Cyborg Superman: 10:08:32-11:00:13 (52 min) and 11:28:11-12:01:58 (34 min)
    cyborg = people.loc["cyborg-superman_cyborg@dc.com"]
    assert cyborg["minutes"] == 52 + 34
    assert (cyborg["first_join"], cyborg["last_leave"]) == ("2021-11-19 10:08:32", "2021-11-19 12:01:58")
    assert people.loc["dazzler_mutant@marvel.com", "minutes"] == 2 + 27
    # Power Girl was in twice at once (114 + 111 min): counted once, 10:08:26 to 12:01:58 is 113.5 -> 114
    assert people.loc["power-girl_kryptonian@dc.com", "minutes"] == 114
    assert people.loc["power-girl_kryptonian@dc.com", "name"] == "Kara Zor-L"  # the original name
    assert people.loc["mockingbird_human@marvel.com", "name"] == "019_Mockingbird"
    assert (REAL / "zoom" / "LICENSE.md").exists()


def test_the_real_teams_list_sums_each_joined_to_left_interval():
    name = "teams_attendance_2020_utf16.csv"
    report = Report()
    frame = parse_teams(read_table((REAL / "teams" / name).read_bytes(), name), report)
    assert report.problems == []
    assert len(frame) == 5
    people = frame.set_index("name")
    # Mustermann Max: 12:27:24-12:45:18 (17:54), 13:45:41-13:56:48 (11:07), 15:42:10-15:42:48 (0:38),
    # 15:53:25-15:59:01 (5:36): 35 min 15 s
    assert people.loc["Mustermann Max", "minutes"] == pytest.approx(35.25)
    assert people.loc["Mustermann Max", "first_join"] == "2020-11-12 12:27:24"
    assert people.loc["Mustermann Max", "last_leave"] == "2020-11-12 15:59:01"
    # Musterfrau Franziska: 10:02 + 1:00 + 0:07 = 11 min 9 s
    assert people.loc["Musterfrau Franziska", "minutes"] == pytest.approx(11.15)
    assert (REAL / "teams" / "LICENSE").exists()


def test_a_german_teams_list_counts_joined_before_from_the_first_timestamp():
    frame, _ = _parse("teams_german.csv")
    people = frame.set_index("name")
    assert people.loc["Müller Hans", "minutes"] == pytest.approx(30.5 + 5)  # 12:00-12:30:30, 12:55-13:00
    assert people.loc["Zoë Beispiel", "minutes"] == pytest.approx(30 + 10)  # never left: runs to 13:00


@pytest.mark.parametrize("joined,left,before", [("A rejoint", "A quitté", "A rejoint avant"),
                                                ("Se unió", "Salió", "Se unió antes")])
def test_french_and_spanish_teams_lists_are_understood(joined, left, before):
    text = (f"Nom complet\tAction\tHorodatage\nAda\t{before}\t11/12/2020, 12:00:00\nBen\t{joined}\t"
            f"11/12/2020, 12:05:00\nAda\t{left}\t11/12/2020, 12:20:00\nBen\t{left}\t11/12/2020, 12:35:00\n")
    data = b"\xff\xfe" + text.encode("utf-16-le")
    assert detect_format(data, "t.csv") == "teams"
    report = Report()
    frame = parse_teams(read_table(data, "t.csv"), report)
    assert report.problems == []
    assert frame.set_index("name")["minutes"].to_dict() == {"Ada": 20.0, "Ben": 30.0}


def test_the_newer_teams_report_reads_only_the_participants_section():
    frame, _ = _parse("teams_report_2023.csv")
    assert frame["email"].tolist() == ["ada@example.edu", "ben@example.edu"]
    assert frame["minutes"].tolist() == pytest.approx([62.5, 45 + 10 / 60])
    assert frame["first_join"].tolist() == ["2023-03-01 09:58:12", "2023-03-01 10:05:00"]


@pytest.mark.parametrize("text,minutes", [("1h 2m 3s", 62.05), ("45m 10s", 45 + 1 / 6), ("30s", 0.5),
                                          ("1 Std. 2 Min.", 62), ("01:02:03", 62.05), ("45", 45), ("soon", None),
                                          ("1h soon", None)])
def test_teams_durations_are_read_in_minutes(text, minutes):
    assert parse_duration(text) == (None if minutes is None else pytest.approx(minutes))


def test_a_zoom_report_with_a_meeting_block_finds_its_table_and_merges_by_email():
    frame, _ = _parse("zoom_meeting_block.csv")
    people = frame.set_index("email")
    assert people.loc["ada@example.edu", "minutes"] == 25 + 35  # 'Ada (Ada Example)' and 'Ada Example'
    assert people.loc["ada@example.edu", "name"] == "Ada Example"
    assert people.loc["ben@example.edu", "name"] == "Ben Sample (he/him)"  # pronouns are not a name
    assert frame["_row"].tolist() == [5, 6]
    table = read_table((CORPUS / "zoom_meeting_block.csv").read_bytes(), "z.csv", header_row=4)
    assert parse_zoom(table, Report())["minutes"].tolist() == [60, 59]


# --- templates and synonyms -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("make,ext", [(template_csv, "csv"), (template_xlsx, "xlsx")])
def test_a_template_reads_back_without_any_problem(kind, make, ext):
    data, name = make(kind), f"{kind}_template.{ext}"
    assert detect_format(data, name) == kind
    report = Report()
    frame = PARSERS[kind](read_table(data, name), report)
    assert report.problems == [] and 2 <= len(frame) == len(EXAMPLES[kind])
    assert set(TEMPLATE_HELP[kind]) == set(FRAMES[kind])
    assert all(len(text) > 20 for text in TEMPLATE_HELP[kind].values())


def test_headers_match_without_case_or_spaces_and_with_synonyms():
    data = (b"Program,Class,Group Name,Date,Session #,E-mail,Attendance,Minutes Attended\n"
            b"MD,2028,7,9/10/2024,1,Ada@Example.edu,P,60\nMD,2028,7,9/10/2024,1,ben@example.edu,,\n"
            b"MD,2028,7,9/10/2024,1,cy@example.edu,x,\nMD,2028,7,9/10/2024,1,di@example.edu,E,\n")
    assert detect_format(data, "s.csv") == "signin"
    report = Report()
    table = read_table(data, "s.csv")
    table.date_order = "mdy"  # 9/10/2024 reads two ways: the import says which
    frame = parse_signin(table, report)
    assert report.problems == []
    assert frame["status"].tolist() == ["present", "absent", "present", "excused"]
    assert frame["person"].iloc[0] == "ada@example.edu" and frame["date"].iloc[0] == "2024-09-10"


def test_sessions_normalise_modality_and_start_time():
    data = b"program,cohort,group,session number,date,start time,length,mode\nMD,2028,7,1,2024-09-10,2:30 PM,60,Zoom\n"
    frame = parse_sessions(read_table(data, "s.csv"), Report())
    assert frame[["start_time", "length_min", "modality"]].iloc[0].tolist() == ["14:30", "60", "virtual"]


# --- detect_format --------------------------------------------------------------------------------


@pytest.mark.parametrize("path,fmt", [
    ("zoom/zoom_participants.csv", "zoom"), ("teams/teams_attendance_2020_utf16.csv", "teams"),
])
def test_detect_format_recognises_the_real_exports(path, fmt):
    assert detect_format((REAL / path).read_bytes(), Path(path).name) == fmt


@pytest.mark.parametrize("text,fmt", [
    ('StartDate,EndDate,ResponseId\nStart,End,Response ID\n"{""ImportId"":""startDate""}",x,y\n', "qualtrics"),
    ("ResponseID,ResponseSet,Q1\nResponse ID,Response Set,How supported do you feel?\n", "qualtrics"),
    ("record_id,redcap_event_name,q1\n1,baseline_arm_1,3\n", "redcap"),
    ("participant_id,q1,survey_complete\n1,3,2\n", "redcap"),
    ('"Variable / Field Name","Form Name","Section Header","Field Type"\nrecord_id,demo,,text\n',
     "redcap_dictionary"),
    ("Meeting ID,Topic,Start Time\n1,x,y\n\nName (Original Name),User Email,Duration (Minutes)\nAda,a@x.org,5\n",
     "zoom"),
    ("program,cohort,group,session_number,date,topic\nMD,2028,7,1,2024-09-10,x\n", "sessions"),
    ("email,program,cohort,group\na@x.org,MD,2028,7\n", "roster"),
    ("respondent,class year,q1,q2\n1,MS1,4,5\n", "wide"),
])
def test_detect_format_tells_formats_apart_by_their_headers(text, fmt):
    assert detect_format(text.encode("utf-8"), "x.csv") == fmt
