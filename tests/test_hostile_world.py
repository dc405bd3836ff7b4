"""A hostile world around the database: full disks, read-only files and folders, damaged and newer files,
killed writers' leftovers, and `demo` pointed at real data. Each gets one plain sentence and exit code 2,
and leaves the database as it was."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import duckdb
import pytest

from peers_dash import PeersError
from peers_dash.ingest.pipeline import Request, run_import
from peers_dash.ingest.roster import roster_path
from peers_dash.ingest.templates import template_csv
from peers_dash.store.db import SCHEMA_VERSION, open_readonly
from peers_dash.store.writer import writing
from tests.test_db_writer import kill_at

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """python -m peers_dash ARGS, run in this process (the same main(), without an interpreter's start-up)."""
    import contextlib
    import io

    from peers_dash.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def one_plain_line(out: subprocess.CompletedProcess, *words: str) -> None:
    assert out.returncode == 2, out.stderr
    lines = [x for x in out.stderr.splitlines() if x.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in out.stderr and "please report" not in out.stderr, out.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_demo_never_writes_over_a_file_and_force_keeps_the_old_one(template_school):
    before = template_school.read_bytes()
    out = cli("demo", "--db", str(template_school))
    one_plain_line(out, "already exists and holds real data", "--force")
    out = cli("demo", env={"PEERS_DB": str(template_school)})  # the default --db is PEERS_DB: the same refusal
    one_plain_line(out, "already exists")
    assert template_school.read_bytes() == before
    out = cli("demo", "--db", str(template_school), "--force")
    assert out.returncode == 0, out.stderr
    kept = template_school.with_name(template_school.name + ".previous")
    assert kept.read_bytes() == before
    con = open_readonly(template_school)
    assert con.execute("SELECT value FROM meta WHERE key = 'is_demo'").fetchall() == [("true",)]
    con.close()


def test_a_database_from_a_newer_app_is_refused_everywhere(template_school):
    con = duckdb.connect(str(template_school))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    before = template_school.read_bytes()
    with pytest.raises(PeersError, match="newer version of the PEERS dashboard"):
        open_readonly(template_school)
    for command in ("info", "migrate"):
        one_plain_line(cli(command, "--db", str(template_school)), "schema version 99", "update the app")
    outcome_args = ("import", "roster", "--db", str(template_school), str(ROOT / "README.md"))
    one_plain_line(cli(*outcome_args), "newer version")
    assert template_school.read_bytes() == before
    assert f"knows up to {SCHEMA_VERSION}" in cli("info", "--db", str(template_school)).stderr


def test_a_cut_short_database_is_called_damaged_by_info_and_the_pages(template_school, tmp_path):
    data = template_school.read_bytes()
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(data[: len(data) // 2])
    one_plain_line(cli("info", "--db", str(cut)), "cut.duckdb is damaged", "backup")
    with pytest.raises(PeersError, match="damaged"):
        open_readonly(cut)


def _sessions_file(tmp_path: Path) -> Path:
    path = tmp_path / "sessions.csv"
    data = template_csv("sessions").replace(b"2024-10-08", b"2024-10-09")
    assert data != template_csv("sessions")
    path.write_bytes(data)
    return path


def test_a_read_only_database_is_refused_and_keeps_its_mode(template_school, tmp_path):
    os.chmod(template_school, 0o444)
    before = template_school.read_bytes()
    one_plain_line(cli("import", "sessions", str(_sessions_file(tmp_path)), "--db", str(template_school)),
                   "read-only", "chmod u+w")
    assert template_school.read_bytes() == before
    assert stat.S_IMODE(os.stat(template_school).st_mode) == 0o444


def test_an_import_keeps_the_permissions_the_database_was_given(template_school, tmp_path):
    os.chmod(template_school, 0o640)
    inode = os.stat(template_school).st_ino
    out = cli("import", "sessions", str(_sessions_file(tmp_path)), "--db", str(template_school))
    assert out.returncode == 0, out.stderr
    assert os.stat(template_school).st_ino != inode  # a new file was swapped in ...
    assert stat.S_IMODE(os.stat(template_school).st_mode) == 0o640  # ... with the old one's permissions


def test_killed_writers_and_previews_leave_no_copies_behind(template_school):
    dead = 2**22 + 12345  # above the default pid_max: never a live process
    leftovers = [template_school.with_name(f"{template_school.name}.{dead}.tmp"),
                 template_school.with_name(f"{template_school.name}.{dead}.tmp.wal"),
                 template_school.with_name(f"{template_school.name}.{dead}.preview.tmp"),
                 template_school.with_name(f"{template_school.name}.roster.csv.pending.{dead}.tmp")]  # e-mails
    live_preview = template_school.with_name(f"{template_school.name}.{os.getpid()}.preview.tmp")
    for path in leftovers + [live_preview]:
        path.write_bytes(b"x" * 1000)
    with writing(template_school):
        pass
    assert not any(p.exists() for p in leftovers)
    assert live_preview.exists()  # a preview still running in a live process keeps its copy
    live_preview.unlink()


@pytest.fixture()
def small_disk(tmp_path):
    """A 24 MB filesystem of its own (tmpfs), unmounted afterwards; skipped where mounting is not allowed."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _school_on(mount: Path, template_school: Path) -> Path:
    db = mount / "school.duckdb"
    shutil.copyfile(template_school, db)
    shutil.copyfile(roster_path(template_school), roster_path(db))
    return db


def test_a_full_disk_is_one_sentence_and_changes_nothing(small_disk, template_school, tmp_path):
    db = _school_on(small_disk, template_school)
    before = db.read_bytes()
    filler = small_disk / "filler"
    with open(filler, "wb") as fh:  # leave less room than a second copy of the database
        try:
            fh.write(b"\0" * (os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize - 200_000))
        except OSError:
            pass
    one_plain_line(cli("import", "sessions", str(_sessions_file(tmp_path)), "--db", str(db)), "disk", "full",
                   "nothing was changed")
    assert db.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == sorted(
        ["filler", "school.duckdb", "school.duckdb.lock", "school.duckdb.roster.csv"])
    filler.unlink()
    outcome = run_import(db, Request("sessions", [("sessions.csv", _sessions_file(tmp_path).read_bytes())]))
    assert outcome.applied, outcome.report.lines()  # with room again, the same import goes through


def test_a_read_only_folder_is_one_sentence_and_changes_nothing(small_disk, template_school, tmp_path):
    db = _school_on(small_disk, template_school)
    before = db.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    one_plain_line(cli("import", "sessions", str(_sessions_file(tmp_path)), "--db", str(db)), "cannot be written")
    assert db.read_bytes() == before


# --- the roster file and the database change together ----------------------------------------------------

NEW_PEOPLE = (b"S1007,gus.new@example.edu,Gus New,MD,2028,Group 07,2024-08-05,,\n"
              b"S1008,hal.new@example.edu,Hal New,MD,2028,Group 07,2024-08-05,,\n"
              b"S1009,ida.new@example.edu,Ida New,MD,2028,Group 07,2024-08-05,,\n")


def _bigger_roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster_term2.csv"
    path.write_bytes(template_csv("roster").rstrip(b"\n") + b"\n" + NEW_PEOPLE)
    return path


def _people(db: Path) -> int:
    con = open_readonly(db)
    try:
        return con.execute("SELECT count(*) FROM participants").fetchall()[0][0]
    finally:
        con.close()


def _killed_import(db: Path, roster: Path, stage: str) -> None:
    kill_at(["-m", "peers_dash", "import", "roster", str(roster), "--db", str(db)], db, stage)


@pytest.mark.parametrize("stage", ["written", "checkpointed"])
def test_killed_after_the_roster_is_written_but_before_the_swap_neither_changes(template_school, tmp_path, stage):
    roster_before, db_before = roster_path(template_school).read_bytes(), template_school.read_bytes()
    _killed_import(template_school, _bigger_roster(tmp_path), stage)
    assert roster_path(template_school).read_bytes() == roster_before
    assert template_school.read_bytes() == db_before
    assert (tmp_path / "school.duckdb.roster.csv.pending").exists()  # the roster of the import that never landed
    with writing(template_school):  # ... which any next write removes
        pass
    assert not (tmp_path / "school.duckdb.roster.csv.pending").exists()
    outcome = run_import(template_school, Request("roster", [("r.csv", _bigger_roster(tmp_path).read_bytes())]))
    assert outcome.applied, outcome.report.lines()
    assert _people(template_school) == 9
    assert len(roster_path(template_school).read_text().splitlines()) == 1 + 9
    assert not any(p.name.endswith((".pending", ".tmp")) for p in tmp_path.iterdir())


def test_killed_between_the_swap_and_the_roster_the_next_import_finds_the_roster_that_belongs(template_school,
                                                                                              tmp_path):
    roster_before = roster_path(template_school).read_bytes()
    _killed_import(template_school, _bigger_roster(tmp_path), "swapped")
    assert _people(template_school) == 9  # the database is in; the roster file is still the old one
    assert roster_path(template_school).read_bytes() == roster_before
    files = [("roster_term2.csv", _bigger_roster(tmp_path).read_bytes())]
    again = run_import(template_school, Request("roster", files))
    assert again.ok, again.report.lines()
    assert _people(template_school) == 9  # the same people, never again under new ids
    names = roster_path(template_school).read_text()
    assert all(n in names for n in ("Gus New", "Hal New", "Ida New"))
    assert len(names.splitlines()) == 1 + 9


def test_a_missing_or_edited_roster_file_stops_the_imports_that_need_it(template_school, tmp_path):
    sheet = tmp_path / "signin.csv"
    sheet.write_bytes(template_csv("signin"))
    kept = roster_path(template_school).read_bytes()
    previous = roster_path(template_school).with_name("school.duckdb.roster.csv.previous")
    assert previous.read_bytes() == kept  # the last import kept the roster it started from
    roster_path(template_school).unlink()
    previous.unlink()
    before = template_school.read_bytes()
    one_plain_line(cli("import", "attendance", str(sheet), "--db", str(template_school)),
                   "roster file school.duckdb.roster.csv", "put back")
    one_plain_line(cli("import", "roster", str(_bigger_roster(tmp_path)), "--db", str(template_school)), "put back")
    assert template_school.read_bytes() == before and not roster_path(template_school).exists()
    # a sessions file does not need the roster: it goes in
    assert cli("import", "sessions", str(_sessions_file(tmp_path)), "--db", str(template_school)).returncode == 0
    roster_path(template_school).write_bytes(kept.replace(b"Ada Example", b"Ada Edited"))
    one_plain_line(cli("import", "attendance", str(sheet), "--db", str(template_school)), "does not match")
    roster_path(template_school).write_bytes(kept)
    assert cli("import", "attendance", str(sheet), "--db", str(template_school)).returncode == 0


# --- files built to hurt: each refused in under a second, naming where -----------------------------------

def _xlsx_with_sheet(sheet_xml_of) -> bytes:
    """A one-sheet workbook whose sheet XML is rewritten by sheet_xml_of(head, tail)."""
    import io
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["name", "email"])
    wb.active.append(["Ada", "ada@example.edu"])
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                data = sheet_xml_of(head, b"</sheetData>" + tail)
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


HOSTILE = {
    "100,000 columns": ("wide.csv", lambda: (",".join(f"c{i}" for i in range(100_000)) + "\n"
                                             + ",".join("1" for _ in range(100_000)) + "\n").encode(),
                        "more than 5,000 columns"),
    "a 10 MB cell": ("cell.csv", lambda: b"name,email\n" + b"x" * 10_000_000 + b",a@b.c\n",
                     "row 2, column A: a cell of 10,000,000 characters"),
    "an xlsx zip bomb": ("bomb.xlsx", lambda: _xlsx_with_sheet(lambda head, tail: head + (
        b'<row r="3"><c r="A3" t="inlineStr"><is><t>' + b"x" * 500_000_000 + b"</t></is></c></row>") + tail),
        "unpacks to 500 MB"),
    "an xlsx of a million empty rows": ("empty.xlsx", lambda: _xlsx_with_sheet(lambda head, tail: head + b"".join(
        b'<row r="%d"/>' % i for i in range(3, 1_000_003)) + tail), "more than 500,000 rows"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_quickly_with_a_short_message_and_nothing_changes(template_school, case):
    from peers_dash.ingest.pipeline import preview

    name, make, words = HOSTILE[case]
    data = make()
    before = template_school.read_bytes()
    for kind in ("roster", "attendance", "survey"):
        outcome = preview(template_school, Request(kind, [(name, data)], wave="2024-25 annual"))
        lines = outcome.report.lines()
        assert not outcome.ok, (kind, lines)
        assert any(words in line for line in lines) or kind == "survey", (kind, lines)  # a survey needs a mapping
        assert all(len(line) < 600 for line in lines)
    outcome = run_import(template_school, Request("roster", [(name, data)]))
    assert not outcome.applied and template_school.read_bytes() == before


def test_a_long_value_quoted_back_in_a_message_is_cut(template_school):
    sheet = template_csv("signin").replace(b"MD,2028,Group 07,2024-09-10,1,ada", b"M" * 20_000 + b",2028,Group 07,"
                                           b"2024-09-10,1,ada")
    outcome = run_import(template_school, Request("attendance", [("signin.csv", sheet)]))
    assert not outcome.applied
    assert any("unknown program" in line and "characters in all" in line for line in outcome.report.lines())
    assert max(len(line) for line in outcome.report.lines()) < 600


def test_the_command_line_keeps_the_size_limit_of_the_import_page(template_school, tmp_path):
    big = tmp_path / "big.csv"
    big.write_bytes(template_csv("signin") + b"\n" * 51_000_000)
    one_plain_line(cli("import", "attendance", str(big), "--db", str(template_school)), "over the limit of 50 MB",
                   "--max-mb")


def test_a_header_only_survey_and_a_survey_reading_a_twice_named_column_are_refused(template_school):
    examples = ROOT / "tests" / "survey_examples"
    mapping = ("m.toml", (examples / "annual_survey_2024.toml").read_bytes())
    lines = (examples / "annual_survey_2024.csv").read_text().splitlines()
    header_only = (lines[0] + "\n").encode()
    twice = "\n".join([lines[0].replace("Q2 Peers", "Q1 PEERS space")] + lines[1:]).encode()
    before = template_school.read_bytes()
    for data, words in ((header_only, "no responses below the header"), (twice, "appears more than once")):
        outcome = run_import(template_school, Request("survey", [("s.csv", data)], mapping=mapping,
                                                      wave="2024-25 annual", create_new=True))
        assert not outcome.applied and any(words in line for line in outcome.report.lines()), outcome.report.lines()
    assert template_school.read_bytes() == before


def test_a_blank_start_date_means_from_the_cohorts_start(tmp_path):
    from peers_dash.ingest.pipeline import init_database

    db = tmp_path / "school.duckdb"
    init_database(db, "Test")
    roster = template_csv("roster").replace(b"S1001,ada.example@example.edu,Ada Example,MD,2028,Group 07,2024-08-05",
                                            b"S1001,ada.example@example.edu,Ada Example,MD,2028,Group 07,")
    outcome = run_import(db, Request("roster", [("roster.csv", roster)]))
    assert outcome.applied, outcome.report.lines()
    con = open_readonly(db)
    starts = con.execute("SELECT DISTINCT CAST(start_date AS VARCHAR) FROM memberships ORDER BY 1").fetchall()
    con.close()
    assert starts == [("2024-07-01",), ("2024-08-05",), ("2025-08-04",)]
    second_blank = roster.replace(b"Group 07,2025-08-04", b"Group 07,")
    outcome = run_import(db, Request("roster", [("roster2.csv", second_blank)]))
    assert not outcome.applied
    assert any("needs a start date" in line for line in outcome.report.lines())


def test_every_page_on_a_cut_short_or_corrupted_database_says_so_in_one_sentence(template_school, tmp_path,
                                                                                  monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    data = template_school.read_bytes()
    corrupted = bytearray(data)
    for offset in range(12288 + 262144, len(data) - 262144, 262144):  # a few bytes of every block after the first
        corrupted[offset + 100: offset + 4000] = b"\0" * 3900
    for name, content in (("cut.duckdb", data[: len(data) // 2]), ("bad.duckdb", bytes(corrupted))):
        (tmp_path / name).write_bytes(content)
        monkeypatch.setenv("PEERS_DB", str(tmp_path / name))
        st.cache_resource.clear()
        st.cache_data.clear()
        for page in ("pages/participation.py", "pages/import.py"):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
            at.switch_page(page)
            at.run()
            assert not at.exception, [e.message for e in at.exception]
            shown = [e.value.replace("\\", "") for e in at.error]  # as written, without Markdown's escapes
            assert any(f"{name} is damaged" in text and "backup" in text for text in shown), (name, page, shown)
            assert not any(str(tmp_path) in text for text in shown)  # the file's name, not the server's folders
    st.cache_resource.clear()
    st.cache_data.clear()
