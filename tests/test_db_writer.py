"""Schema, migrations and the single writer (lock, private copy, atomic swap)."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from peers_dash import PeersError
from peers_dash.sql import run_script
from peers_dash.store.db import SCHEMA_VERSION, migration_files, open_readonly, read_meta
from peers_dash.store.writer import STAGES, migrate_file, writing

ROOT = Path(__file__).resolve().parent.parent
VIEW_COLUMNS = {
    "v_attendance": ["institution", "program", "program_kind", "cohort", "class_year", "academic_year", "group_id",
                     "session_number", "session_topic", "session_date", "modality", "participant_id", "status",
                     "minutes"],
    "v_survey_answers": ["wave", "wave_kind", "academic_year", "institution", "program", "program_kind", "cohort",
                         "class_year", "attendance_band", "respondent_id", "item_id", "item_text", "construct",
                         "scale_min", "scale_max", "value", "favorable", "text_value"],
    "v_response_rates": ["wave", "academic_year", "institution", "program", "cohort", "class_year", "n_eligible",
                         "n_responded"],
}


def _version_1_database(path: Path) -> None:
    """A database as the first schema version left it: tables, no views."""
    con = duckdb.connect(str(path))
    run_script(con, migration_files()[0][1])
    con.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('is_demo', 'false'), ('data_version', '4')")
    con.execute("INSERT INTO institutions VALUES (1, 'Old School')")
    con.close()


def test_analyst_views_keep_their_documented_columns(con):
    for view, columns in VIEW_COLUMNS.items():
        assert [d[0] for d in con.execute(f"SELECT * FROM {view} LIMIT 0").description] == columns


def test_analyst_views_hold_the_fixture_rows(con):
    assert con.execute("SELECT count(*) FROM v_attendance").fetchone()[0] == 35
    assert con.execute("SELECT count(*) FROM v_survey_answers WHERE favorable").fetchone()[0] == 14
    assert con.execute("SELECT sum(n_responded) FROM v_response_rates").fetchone()[0] == 21
    row = con.execute("SELECT academic_year, class_year FROM v_attendance WHERE participant_id = 31").fetchone()
    assert row == ("2019-20", "PGY4")  # a fellow's first year is PGY4


def test_an_older_database_is_refused_until_migrated_then_keeps_its_data(tmp_path):
    path = tmp_path / "old.duckdb"
    _version_1_database(path)
    with pytest.raises(PeersError, match="schema version 1; run `python -m peers_dash migrate"):
        open_readonly(path)
    assert migrate_file(path) == (1, SCHEMA_VERSION)
    con = open_readonly(path)
    meta = read_meta(con)
    assert meta["schema_version"] == str(SCHEMA_VERSION) and meta["data_version"] == "5"
    assert con.execute("SELECT name FROM institutions").fetchall() == [("Old School",)]
    assert con.execute("SELECT count(*) FROM v_attendance").fetchone()[0] == 0
    con.close()
    assert migrate_file(path) == (SCHEMA_VERSION, SCHEMA_VERSION)


def test_a_file_that_is_not_duckdb_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_bytes(b"not a database")
    with pytest.raises(PeersError, match="not a readable DuckDB database"):
        open_readonly(path)
    with pytest.raises(PeersError, match="not a readable DuckDB database"):
        migrate_file(path)
    assert path.read_bytes() == b"not a database"


def test_writer_swaps_a_new_file_in_while_a_reader_holds_the_old_one(fixture_path, tmp_path):
    path = tmp_path / "live.duckdb"
    path.write_bytes(fixture_path.read_bytes())
    reader = open_readonly(path)
    inode = path.stat().st_ino
    with writing(path) as con:
        con.execute("INSERT INTO institutions VALUES (2, 'Second School')")
    assert path.stat().st_ino != inode
    assert reader.execute("SELECT count(*) FROM institutions").fetchone()[0] == 1  # old data, still served
    fresh = open_readonly(path)
    assert fresh.execute("SELECT count(*) FROM institutions").fetchone()[0] == 2
    assert int(read_meta(fresh)["data_version"]) == int(read_meta(reader)["data_version"]) + 1
    assert not list(tmp_path.glob("*.tmp*"))


def test_an_error_inside_the_writer_changes_nothing(fixture_path, tmp_path):
    path = tmp_path / "live.duckdb"
    path.write_bytes(fixture_path.read_bytes())
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with writing(path) as con:
            con.execute("DELETE FROM attendance")
            raise RuntimeError("boom")
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp*"))


def start_paused(args: list[str], path: Path, stage: str) -> subprocess.Popen:
    """`python ARGS` writing the database at `path`, started and held at the writer's `stage` (by
    tests/pause_writer.py, on the writer's log of that stage), for a test to kill it there. The pause marker is
    removed."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.pause_writer", stage, *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    marker = path.with_name(f"{path.name}.paused-{stage}")
    for _ in range(1200):
        if marker.exists() or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert marker.exists(), f"the writer never reached {stage}"
    marker.unlink()
    return proc


def kill_at(args: list[str], path: Path, stage: str) -> None:
    """Run `python ARGS` until the writer reaches `stage`, then SIGKILL it."""
    proc = start_paused(args, path, stage)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _start_paused_writer(path: Path, stage: str) -> subprocess.Popen:
    code = ("import sys; from peers_dash.store.writer import writing\n"
            "with writing(sys.argv[1]) as con:\n"
            "    con.execute(\"INSERT INTO institutions VALUES (9, 'Killed')\")\n")
    return start_paused(["-c", code, str(path)], path, stage)


@pytest.mark.parametrize("stage", STAGES)
def test_a_writer_killed_at_any_stage_leaves_the_previous_database_intact(fixture_path, tmp_path, stage):
    path = tmp_path / "live.duckdb"
    path.write_bytes(fixture_path.read_bytes())
    before = path.read_bytes()
    proc = _start_paused_writer(path, stage)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert path.read_bytes() == before
    con = open_readonly(path)
    assert con.execute("SELECT count(*) FROM institutions WHERE name = 'Killed'").fetchone()[0] == 0
    con.close()
    with writing(path) as con:  # the lock died with the process: the next writer goes ahead
        con.execute("INSERT INTO institutions VALUES (3, 'After')")


def test_a_second_writer_waits_for_the_first_and_both_land(fixture_path, tmp_path):
    path = tmp_path / "live.duckdb"
    path.write_bytes(fixture_path.read_bytes())
    first = _start_paused_writer(path, "written")  # holds the lock
    code = ("import sys; from peers_dash.store.writer import writing\n"
            "with writing(sys.argv[1]) as con:\n"
            "    con.execute(\"INSERT INTO institutions VALUES (8, 'Second')\")\n")
    second = subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT)
    time.sleep(1.0)
    assert second.poll() is None  # queued behind the lock
    first.send_signal(signal.SIGKILL)  # the first dies; its change is lost, the second's lands
    first.wait()
    assert second.wait(timeout=60) == 0
    con = open_readonly(path)
    assert con.execute("SELECT name FROM institutions ORDER BY institution_id").fetchall() == [
        ("Test School",), ("Second",)]
    con.close()


def test_concurrent_writers_queue_and_neither_change_is_lost(fixture_path, tmp_path):
    path = tmp_path / "live.duckdb"
    path.write_bytes(fixture_path.read_bytes())
    code = ("import sys; from peers_dash.store.writer import writing\n"
            "with writing(sys.argv[1]) as con:\n"
            "    con.execute('INSERT INTO institutions VALUES (?, ?)', [int(sys.argv[2]), 'School ' + sys.argv[2]])\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), str(i)], cwd=ROOT) for i in (11, 12, 13)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0]
    con = open_readonly(path)
    assert con.execute("SELECT count(*) FROM institutions WHERE institution_id > 10").fetchone()[0] == 3
    assert read_meta(con)["data_version"] == "4"  # fixture build 1, then three writes
    con.close()
