"""A term's data in, by a leader alone: start a real database from the Import page, then drop a term's files
in any order (or one workbook with a sheet each) and import them together, all or nothing."""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from peers_dash import config
from peers_dash.ingest.pipeline import Request, init_database, preview, run_import
from peers_dash.ingest.roster import roster_path
from peers_dash.ingest.templates import template_csv
from peers_dash.store.db import open_readonly

ROOT = Path(__file__).resolve().parent.parent


def _rows(kind: str) -> list[list[str]]:
    return [line.split(",") for line in template_csv(kind).decode("utf-8-sig").splitlines() if line]


def term_workbook() -> bytes:
    """Sheets in the wrong order (who came first, the roster last); the sign-in sheet holds session 1 only."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    signin = [r for r in _rows("signin") if r[3] != "2024-10-08"]
    for title, rows in (("Sign-in", signin), ("Sessions", _rows("sessions")), ("Roster", _rows("roster"))):
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ZOOM_SESSION_2 = (b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
                  b"Ada Example,ada.example@example.edu,2024-10-08 12:00:10,2024-10-08 12:59:00,59\n"
                  b"Sample Dee,,2024-10-08 12:01:00,2024-10-08 12:58:00,57\n"
                  b"Eli Example,eli.example@example.edu,2024-10-08 12:02:00,2024-10-08 12:10:00,8\n")


@pytest.fixture()
def new_school(tmp_path) -> Path:
    db = tmp_path / "school.duckdb"
    init_database(db, "Riverside")
    return db


def attendance(db: Path) -> list[tuple]:
    con = open_readonly(db)
    try:
        return con.execute("SELECT CAST(s.session_date AS VARCHAR), a.participant_id, a.status FROM attendance a "
                           "JOIN sessions s USING (session_id) ORDER BY 1, 2").fetchall()
    finally:
        con.close()


def test_a_terms_files_in_any_order_import_together_and_a_zoom_report_finds_its_own_session(new_school):
    files = [("zoom_oct.csv", ZOOM_SESSION_2), ("term.xlsx", term_workbook())]
    checked = preview(new_school, Request("term", files))
    assert checked.ok, checked.report.lines()
    assert list(checked.formats.values()) == ["zoom", "signin", "sessions", "roster"]
    outcome = run_import(new_school, Request("term", files, who="leader"))
    assert outcome.applied, outcome.report.lines()
    got = attendance(new_school)
    assert [s for d, _, s in got if d == "2024-09-10"] == ["present", "excused", "absent", "present", "present",
                                                          "present"]
    # Zoom, session of 8 October found from the report's own date: Ada and Dee stayed, Eli 8 minutes, others absent
    assert [s for d, _, s in got if d == "2024-10-08"] == ["present", "absent", "absent", "present", "absent",
                                                          "absent"]
    con = open_readonly(new_school)
    kinds = con.execute("SELECT kind, count(*) FROM imports GROUP BY ALL ORDER BY 1").fetchall()
    con.close()
    assert kinds == [("attendance", 2), ("roster", 1), ("sessions", 1)]
    assert "Ada Example" in roster_path(new_school).read_text()


def test_one_bad_file_of_a_term_changes_nothing_at_all(new_school):
    before = new_school.read_bytes()
    stray = ZOOM_SESSION_2.replace(b"2024-10-08", b"2024-11-19")  # no session that day
    outcome = run_import(new_school, Request("term", [("term.xlsx", term_workbook()), ("zoom_nov.csv", stray)]))
    assert not outcome.applied
    assert any("no session is on 2024-11-19" in e.message for e in outcome.report.errors), outcome.report.lines()
    assert new_school.read_bytes() == before and not roster_path(new_school).exists()


def test_the_import_page_on_the_demo_starts_a_real_database_without_a_shell(demo_db, tmp_path, monkeypatch):
    monkeypatch.delenv("PEERS_DB", raising=False)
    monkeypatch.setattr(config, "DEFAULT_DB", demo_db)
    monkeypatch.setattr(config, "STARTED_DB", tmp_path / "real.duckdb")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/import.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("synthetic demo database" in w.value for w in at.warning)
    at.text_input[0].input("Riverside School of Medicine")
    next(b for b in at.button if b.label == "Start a real database").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert (tmp_path / "real.duckdb").exists()
    assert any("Started a real database for Riverside School of Medicine" in s.value for s in at.success)
    assert any("What are you loading?" in c.label for c in at.get("button_group"))
    demo_before = demo_db.stat().st_mtime_ns
    assert demo_db.stat().st_mtime_ns == demo_before  # the demo is left as it was
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_sign_in_sheet_proposes_the_sessions_it_needs_and_creates_them_only_when_told(template_school):
    november = template_csv("signin").replace(b"2024-10-08,2,", b"2024-11-05,,")  # a third meeting, not in sessions
    refused = run_import(template_school, Request("attendance", [("signin.csv", november)]))
    assert not refused.applied
    assert any("has no session on 2024-11-05" in e.message and "--create-new" in e.message
               for e in refused.report.errors), refused.report.lines()
    checked = preview(template_school, Request("attendance", [("signin.csv", november)], create_new=True))
    assert checked.ok, checked.report.lines()
    assert [c for s in checked.staged for c in s.created] == ["session 3 of Group 07 (MD Class of 2028) on 2024-11-05"]
    done = run_import(template_school, Request("attendance", [("signin.csv", november)], create_new=True))
    assert done.applied, done.report.lines()
    con = open_readonly(template_school)
    sessions = con.execute("SELECT session_number, topic, CAST(session_date AS VARCHAR), modality FROM sessions "
                           "ORDER BY session_date").fetchall()
    con.close()
    assert sessions[-1] == (3, "Session 3", "2024-11-05", "in_person")
    assert [s for d, _, s in attendance(template_school) if d == "2024-11-05"] == [
        "present", "absent", "present", "present", "absent", "present"]


def test_a_sign_in_sheet_adds_the_members_it_needs_only_when_told_and_they_reach_the_roster_file(template_school):
    newcomer = (b"MD,2028,Group 07,2024-10-08,2,gus.new@example.edu,present,60\n"
                b"MD,2028,Group 07,2024-10-08,2,Hal New,present,60\n")
    sheet = template_csv("signin") + newcomer
    refused = run_import(template_school, Request("attendance", [("signin.csv", sheet)]))
    assert not refused.applied
    assert any("'gus.new@example.edu': not on the roster (or let the import add them" in e.message
               for e in refused.report.errors), refused.report.lines()
    checked = preview(template_school, Request("attendance", [("signin.csv", sheet)], create_new=True))
    assert checked.ok, checked.report.lines()
    assert [c for s in checked.staged for c in s.created] == [
        "new member gus.new@example.edu in Group 07 (MD Class of 2028) from 2024-10-08",
        "new member Hal New in Group 07 (MD Class of 2028) from 2024-10-08"]
    assert "Gus" not in roster_path(template_school).read_text()  # a check writes nothing
    done = run_import(template_school, Request("attendance", [("signin.csv", sheet)], create_new=True))
    assert done.applied, done.report.lines()
    text = roster_path(template_school).read_text()
    assert "gus.new@example.edu" in text and "Hal New" in text
    got = attendance(template_school)
    assert [s for d, p, s in got if d == "2024-10-08" and p in (7, 8)] == ["present", "present"]
    assert len([1 for d, p, s in got if d == "2024-09-10"]) == 6  # not expected before they joined
