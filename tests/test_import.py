"""Imports end to end: templates round trip, real exports, all or nothing, idempotence, replacement, undo,
the roster kept apart, concurrency with a reader, and the CLI's exit codes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from peers_dash import PeersError, queries
from peers_dash.ingest.pipeline import Request, init_database, preview, run_import, undo_last
from peers_dash.ingest.roster import load_roster, roster_path
from peers_dash.ingest.templates import template_csv, template_xlsx
from peers_dash.model.filters import CohortFilter
from peers_dash.store.db import open_readonly, read_meta
from tests.test_db_writer import kill_at

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent
VIEWS = ("v_attendance", "v_survey_answers", "v_response_rates")


def checksum(db: Path) -> tuple:
    """Row count and an order-independent hash of every analyst view."""
    con = open_readonly(db)
    try:
        return tuple(con.execute("SELECT count(*), coalesce(sum(hash(t)), 0) FROM " + view + " t").fetchall()[0]
                     for view in VIEWS)
    finally:
        con.close()


def load(db: Path, kind: str, *files: tuple[str, bytes], **options) -> object:
    outcome = run_import(db, Request(kind, list(files), who="test", **options))
    return outcome


@pytest.fixture()
def school(template_school) -> Path:
    """The template school with the sign-in template imported too: 12 attendance rows."""
    outcome = load(template_school, "attendance", ("signin.csv", template_csv("signin")))
    assert outcome.applied, outcome.report.lines()
    return template_school


def test_templates_round_trip_into_the_figures_the_pages_show(school):
    con = open_readonly(school)
    # one group of six: an analyst's group view shows it; no figure for everyone covers a single group
    group = con.execute("SELECT group_id FROM groups").fetchall()[0][0]
    df = queries.attendance(con, CohortFilter(groups=(group,)), ["class_year"])
    assert df[["class_year", "n_expected", "n_present", "n_absent", "n_excused"]].values.tolist() == [
        ["MS1", 12, 8, 3, 1]]
    assert df["rate"].iloc[0] == pytest.approx(8 / 11)
    assert queries.attendance(con, CohortFilter(), ["class_year"]).empty
    assert con.execute("SELECT count(*) FROM participants").fetchall()[0][0] == 6
    assert con.execute("SELECT name FROM cohorts").fetchall() == [("MD Class of 2028",)]
    con.close()


def test_xlsx_templates_give_the_same_database_as_csv(school, tmp_path):
    db = tmp_path / "xlsx.duckdb"
    init_database(db, "Template University")
    for kind in ("roster", "sessions", "signin"):
        outcome = load(db, "attendance" if kind == "signin" else kind, (f"{kind}.xlsx", template_xlsx(kind)))
        assert outcome.applied, outcome.report.lines()
    assert checksum(db)[0] == checksum(school)[0]


def test_names_and_emails_live_only_in_the_roster_file(school):
    roster = load_roster(school)
    assert set(roster["email"]) >= {"ada.example@example.edu"}
    data = school.read_bytes()
    assert b"ada.example" not in data and b"Ada Example" not in data
    assert roster_path(school).exists()


def test_the_same_file_twice_changes_nothing(school):
    before = checksum(school), read_meta(open_readonly(school))["data_version"]
    outcome = load(school, "attendance", ("signin.csv", template_csv("signin")))
    assert not outcome.applied and outcome.skipped == ["signin.csv"] and outcome.ok
    assert (checksum(school), read_meta(open_readonly(school))["data_version"]) == before


def test_a_corrected_sheet_replaces_its_sessions_and_the_preview_says_so(school):
    fixed = template_csv("signin").replace(b"2024-09-10,1,cy.placeholder@example.edu,absent",
                                           b"2024-09-10,1,cy.placeholder@example.edu,present")
    req = Request("attendance", [("signin_fixed.csv", fixed)], who="test")
    before = checksum(school)
    shown = preview(school, req)
    assert shown.ok and not shown.applied
    assert shown.staged[0].replaced == 12 and shown.staged[0].added == 12
    assert checksum(school) == before  # a preview writes nothing
    assert run_import(school, req).applied
    con = open_readonly(school)
    assert con.execute("SELECT count(*) FROM attendance WHERE status = 'present'").fetchall()[0][0] == 9
    assert con.execute("SELECT count(*) FROM attendance").fetchall()[0][0] == 12


def test_a_file_with_any_problem_changes_nothing_and_names_every_problem(school):
    bad = template_csv("signin") + b"MD,2028,Group 07,2024-09-10,1,nobody@example.edu,present,60\n" \
                                   b"MD,2028,Group 09,2024-09-10,1,ada.example@example.edu,maybe,60\n"
    before = checksum(school)
    outcome = load(school, "attendance", ("bad.csv", bad))
    assert not outcome.applied
    lines = outcome.report.lines()
    assert any(line.startswith("error: bad.csv, row 14, column 'person': 'nobody@example.edu': not on the roster")
               and line.endswith("[not-on-roster]") for line in lines)
    assert any(line.startswith("error: bad.csv, row 15, column 'status': status 'maybe'") for line in lines)
    assert checksum(school) == before


def test_undo_puts_back_the_database_and_the_roster(school):
    before = checksum(school)
    extra = b"roster_id,email,name,program,cohort,group,start_date\nS2001,gus@example.edu,Gus New,MD,2028,Group 07,2024-08-05\n"
    assert load(school, "roster", ("more.csv", extra)).applied
    assert len(load_roster(school)) == 7
    message = undo_last(school, "test")
    assert "more.csv" in message
    assert checksum(school) == before and len(load_roster(school)) == 6
    con = open_readonly(school)
    assert con.execute("SELECT status FROM imports WHERE file_name = 'more.csv'").fetchall() == [("undone",)]
    con.close()
    with pytest.raises(PeersError, match="no import to undo"):
        undo_last(school, "test")


def test_imports_into_the_demo_database_are_refused(demo_db):
    with pytest.raises(PeersError, match="synthetic demo data.*peers_dash init"):
        run_import(demo_db, Request("roster", [("r.csv", template_csv("roster"))]))


def _zoom_school(tmp_path, session_date: str = "2021-11-19") -> Path:
    """The Zoom fixture's people on a roster, in one group with one 120-minute session on its date."""
    from peers_dash.ingest.parse import parse
    from peers_dash.ingest.problems import Report

    data = (HERE / "fixtures_real/zoom/zoom_participants.csv").read_bytes()
    people = parse("zoom", "z.csv", data, Report())["rows"]
    db = tmp_path / "zoom.duckdb"
    init_database(db, "Zoom U")
    lines = ["roster_id,email,name,program,cohort,group,start_date"]
    lines += [f",{e},{n},MD,2025,Group 01,2021-08-01" for n, e in zip(people["name"], people["email"]) if e]
    lines += [",absent.one@example.edu,Absent One,MD,2025,Group 01,2021-08-01"]
    assert load(db, "roster", ("r.csv", "\n".join(lines).encode())).applied
    sessions = ("program,cohort,group,session_number,topic,date,start_time,length_min\n"
                f"MD,2025,Group 01,3,Gratitude,{session_date},10:00,120\n").encode()
    assert load(db, "sessions", ("s.csv", sessions)).applied
    return db


def test_a_zoom_report_marks_who_came_long_enough_and_everyone_else_absent(tmp_path):
    db = _zoom_school(tmp_path)
    data = (HERE / "fixtures_real/zoom/zoom_participants.csv").read_bytes()
    outcome = load(db, "attendance", ("zoom_participants.csv", data), session="MD Class of 2025 / Group 01 / 2021-11-19")
    assert outcome.applied, outcome.report.lines()
    con = open_readonly(db)
    rows = dict(con.execute("SELECT status, count(*) FROM attendance GROUP BY ALL").fetchall())
    assert rows["absent"] >= 1  # Absent One never joined
    clea = con.execute("SELECT a.status, a.minutes FROM attendance a JOIN participants USING (participant_id) "
                       "WHERE a.minutes = 10").fetchall()
    assert clea == [("absent", 10)]  # 10 of 120 minutes is under half the session
    con.close()
    assert any("expected members not listed were recorded absent" in w.message for w in outcome.report.warnings)


def test_a_zoom_report_without_a_session_finds_it_by_its_own_date_or_says_why_not(tmp_path):
    db = _zoom_school(tmp_path)
    data = (HERE / "fixtures_real/zoom/zoom_participants.csv").read_bytes()
    outcome = load(db, "attendance", ("zoom_participants.csv", data))
    assert outcome.applied, outcome.report.lines()  # the one session on 19 November 2021
    other = tmp_path / "other"
    other.mkdir()
    db = _zoom_school(other, session_date="2021-11-26")  # a week later: no session on the report's day
    outcome = load(db, "attendance", ("zoom_participants.csv", data))
    assert not outcome.applied
    assert any("no session is on 2021-11-19" in line for line in outcome.report.lines()), outcome.report.lines()


def test_the_mapped_survey_example_imports_without_identities(school):
    im = b"roster_id,email,name,program,cohort,group,start_date\n" + b"".join(
        f"R{i},im{i}@example.edu,IM {i},Internal Medicine,2027,Group 01,2024-06-20\n".encode() for i in range(6))
    assert load(school, "roster", ("im.csv", im)).applied
    data = (HERE / "survey_examples/annual_survey_2024.csv").read_bytes()
    mapping = ("annual_survey_2024.toml", (HERE / "survey_examples/annual_survey_2024.toml").read_bytes())
    outcome = load(school, "survey", ("annual_survey_2024.csv", data), mapping=mapping, wave="2024-25 annual")
    assert outcome.applied, outcome.report.lines()
    con = open_readonly(school)
    assert con.execute("SELECT count(*) FROM responses").fetchall()[0][0] == 5
    assert con.execute("SELECT value FROM answers WHERE item_id = 'peers_space' ORDER BY response_id").fetchall()[0] == (5.0,)
    assert con.execute("SELECT name FROM survey_waves").fetchall() == [("Annual well-being survey 2024-25",)]
    # from the roster on the wave's date (1 March): Ben Sample is on leave then
    assert con.execute("SELECT sum(n_eligible) FROM wave_eligible").fetchall()[0][0] == 11
    assert con.execute("SELECT class_year, count(*) FROM responses GROUP BY ALL ORDER BY 1").fetchall() == [
        ("MS1", 1), ("MS2", 2), ("MS3", 1), ("PGY1", 1)]
    con.close()


def test_real_survey_exports_without_placement_are_refused_precisely(school):
    q = (HERE / "fixtures_real/qualtrics/qualtrics_export_3header.csv").read_bytes()
    outcome = load(school, "survey", ("qualtrics_export_3header.csv", q), wave="2024-25 annual")
    assert not outcome.applied
    assert any("no column gives the respondents' program, cohort or class year" in line
               for line in outcome.report.lines())
    data = (HERE / "fixtures_real/redcap/survey/data.csv").read_bytes()
    dictionary = (HERE / "fixtures_real/redcap/survey/dictionary.csv").read_bytes()
    outcome = load(school, "survey", ("data.csv", data), ("dictionary.csv", dictionary), wave="2024-25 annual")
    assert not outcome.applied
    assert outcome.formats == {"data.csv": "redcap"}  # the dictionary was recognised as such
    assert any("mapping file" in line for line in outcome.report.lines())


def test_an_import_while_a_reader_holds_the_file_lands_and_new_readers_see_it(school):
    reader = open_readonly(school)
    version = read_meta(reader)["data_version"]
    extra = b"roster_id,email,name,program,cohort,group,start_date\nS2002,hal@example.edu,Hal New,MD,2028,Group 07,2024-08-05\n"
    out = cli("import", "roster", str(write(school.parent / "hal.csv", extra)), "--db", str(school))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("imported 1 file: 1 rows added")
    assert read_meta(reader)["data_version"] == version  # the old reader keeps its snapshot
    assert int(read_meta(open_readonly(school))["data_version"]) == int(version) + 1
    reader.close()


@pytest.mark.parametrize("stage", ["locked", "copied", "written", "checkpointed"])
def test_an_import_killed_at_any_stage_leaves_the_database_intact_and_can_be_rerun(school, stage):
    before = checksum(school)
    extra = write(school.parent / "ivy.csv",
                  b"roster_id,email,name,program,cohort,group,start_date\nS2003,ivy@example.edu,Ivy New,MD,2028,Group 07,2024-08-05\n")
    kill_at(["-m", "peers_dash", "import", "roster", str(extra), "--db", str(school)], school, stage)
    assert checksum(school) == before
    rerun = cli("import", "roster", str(extra), "--db", str(school))
    assert rerun.returncode == 0, rerun.stderr
    con = open_readonly(school)
    assert con.execute("SELECT count(*) FROM participants").fetchall()[0][0] == 7
    con.close()


def test_two_imports_at_once_both_land(school):
    files = [write(school.parent / f"p{i}.csv", f"roster_id,email,name,program,cohort,group,start_date\n"
                   f"S30{i},p{i}@example.edu,P {i},MD,2028,Group 07,2024-08-05\n".encode()) for i in range(2)]
    procs = [subprocess.Popen([sys.executable, "-m", "peers_dash", "import", "roster", str(f), "--db", str(school)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in files]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert len(load_roster(school)) == 8
    con = open_readonly(school)
    assert con.execute("SELECT count(*) FROM participants").fetchall()[0][0] == 8
    con.close()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peers_dash", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_cli_rejects_bad_input_with_exit_2_and_the_report_on_stderr(school, tmp_path):
    bad = write(tmp_path / "bad.csv", b"program,cohort,group,date,person,status\nMD,2028,Group 07,2024-09-10,x@y.edu,maybe\n")
    out = cli("import", "attendance", str(bad), "--db", str(school))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "bad.csv, row 2, column 'status'" in out.stderr and "nothing was changed" in out.stderr
    out = cli("import", "survey", str(bad), "--db", str(school))
    assert out.returncode == 2 and "needs its wave" in out.stderr
    out = cli("import", "roster", str(tmp_path / "missing.csv"), "--db", str(school))
    assert out.returncode == 2 and out.stderr.strip() == f"error: no file at {tmp_path / 'missing.csv'}"


def test_cli_import_help_lists_the_options():
    out = cli("import", "--help")
    assert out.returncode == 0
    for option in ("--format", "--mapping", "--session", "--wave", "--eligible", "--present-share", "--db"):
        assert option in out.stdout


def test_init_never_replaces_a_database(school):
    out = cli("init", "--db", str(school))
    assert out.returncode == 2 and "already exists" in out.stderr


def test_a_teams_list_matches_people_by_name_and_counts_their_minutes(tmp_path):
    db = tmp_path / "teams.duckdb"
    init_database(db, "Teams U")
    names = ["Mustermann Max", "Musterfrau Franziska", "Huber Uwe", "Müller Franz", "Mueller Hans"]
    roster = "roster_id,email,name,program,cohort,group,start_date\n" + "".join(
        f"T{i},,{n},PhD,2024,Group 02,2019-08-01\n" for i, n in enumerate(names))
    assert load(db, "roster", ("r.csv", roster.encode())).applied
    sessions = b"program,cohort,group,session_number,topic,date,length_min\nPhD,2024,Group 02,4,Thinking traps,2020-11-12,60\n"
    assert load(db, "sessions", ("s.csv", sessions)).applied
    data = (HERE / "fixtures_real/teams/teams_attendance_2020_utf16.csv").read_bytes()
    outcome = load(db, "attendance", ("teams_attendance_2020_utf16.csv", data),
                   session="PhD Class of 2024 / Group 02 / 2020-11-12")
    assert outcome.applied, outcome.report.lines()
    assert outcome.formats == {"teams_attendance_2020_utf16.csv": "teams"}
    # 'Müller Hans' is not on the roster ('Mueller Hans' is): listed, not silently dropped
    assert any("'Müller Hans' is not on the roster" in w.message for w in outcome.report.warnings)
    con = open_readonly(db)
    got = con.execute("SELECT a.status, a.minutes FROM attendance a ORDER BY a.participant_id").fetchall()
    con.close()
    # present from 30 of 60 minutes: Max 35, Uwe 46 present; Franziska 11, Franz 20 absent; Hans not matched
    assert got == [("present", 35), ("absent", 11), ("present", 46), ("absent", 20), ("absent", None)]


def test_a_zoom_report_that_lists_no_member_is_refused_rather_than_marking_everyone_absent(template_school):
    zoom = (b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
            b"Visitor,visitor@elsewhere.org,09/10/2024 12:00:00 PM,09/10/2024 12:50:00 PM,50\n")
    before = checksum(template_school)
    outcome = load(template_school, "attendance", ("zoom.csv", zoom), fmt="zoom",
                   session="MD Class of 2028 / Group 07 / 2024-09-10")
    assert not outcome.applied
    assert any("only 0 of the 1 people in this report match the roster" in e.message and "'Visitor'" in e.message
               for e in outcome.report.errors)
    assert checksum(template_school) == before


def test_a_roster_listing_people_already_in_the_database_updates_them(template_school):
    """Rosters change every term: a renamed person, a new e-mail, a move to another class, the same roster again
    under another name all import (DuckDB refused to update a participant a membership still referred to)."""
    from peers_dash.ingest.templates import template_csv

    lines = template_csv("roster").decode("utf-8-sig").splitlines()
    ada = next(line for line in lines if "Ada Example" in line)
    changed = [lines[0], ada.replace("Ada Example", "Ada Renamed").replace("ada.example@", "ada.new@")
               .replace(",2028,Group 07,", ",2029,Group 02,")] + [line for line in lines[1:] if "Ada" not in line]
    # the same roster again, under another name: nothing changes, and the import says so
    same = ("\n".join(lines) + "\n").encode()
    again = run_import(template_school, Request("roster", [("roster_again.csv", same)]))
    assert again.ok and not again.applied, again.report.lines()
    assert any("nothing changed" in w.message for w in again.report.warnings)
    assert again.summary() == "nothing changed: the files hold nothing new"
    # a changed roster: imported, and what changed is said
    spring_file = ("roster_spring.csv", ("\n".join(changed) + "\n").encode())
    spring = run_import(template_school, Request("roster", [spring_file]))
    assert spring.applied, spring.report.lines()
    said = " ".join(spring.staged[0].summary)
    assert "1 renamed, 1 new e-mail, 1 moved to another group" in said, said
    assert (spring.staged[0].added, spring.staged[0].replaced) == (1, 1)
    # Ben back from his leave with an end date on his first stretch: said in words
    ben_left = "\n".join(changed).replace("2025-08-04,,", "2025-08-04,2026-01-10,leave")
    left = run_import(template_school, Request("roster", [("roster_leave.csv", (ben_left + "\n").encode())]))
    assert left.applied and "1 left (end date set)" in " ".join(left.staged[0].summary), left.staged[0].summary
    con = duckdb.connect(str(template_school), read_only=True)
    try:
        rows = con.execute("SELECT c.grad_year, count(*) FROM participants p JOIN cohorts c USING (cohort_id) "
                           "GROUP BY ALL ORDER BY 1").fetchall()
        groups = con.execute("SELECT count(DISTINCT participant_id) FROM memberships").fetchall()[0][0]
    finally:
        con.close()
    assert rows == [(2028, 5), (2029, 1)] and groups == 6
