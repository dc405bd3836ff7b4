"""python -m peers_dash: one-line errors with exit 2, never a traceback; info on a real file."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from peers_dash.store.db import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peers_dash", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


def test_info_describes_the_database(fixture_path):
    out = cli("info", "--db", str(fixture_path))
    assert out.returncode == 0, out.stderr
    assert "real data" in out.stdout and f"schema version  {SCHEMA_VERSION}" in out.stdout
    assert "attendance                  35" in out.stdout


def test_a_missing_database_is_one_line_and_exit_2(tmp_path):
    out = cli("info", "--db", str(tmp_path / "nope.duckdb"))
    assert out.returncode == 2
    assert out.stderr.strip() == "error: no database at nope.duckdb"


def test_a_corrupt_database_is_refused_and_left_as_it_was(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"\x00garbage" * 100)
    for command in ("info", "migrate"):
        out = cli(command, "--db", str(bad))
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert out.stderr.count("\n") == 1 and ("not a readable DuckDB database" in out.stderr or "is damaged" in out.stderr)
    assert bad.read_bytes() == b"\x00garbage" * 100


def test_wrong_arguments_are_one_line_and_exit_2():
    for args in (("demo", "--scale", "huge"), ("frobnicate",), ("demo", "--seed", "x"), ()):
        out = cli(*args)
        assert out.returncode == 2, args
        assert out.stderr.startswith("error: ") and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_migrate_reports_an_up_to_date_database(fixture_path, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(fixture_path.read_bytes())
    out = cli("migrate", "--db", str(copy))
    assert out.returncode == 0 and f"already at schema version {SCHEMA_VERSION}" in out.stdout


def test_a_malformed_setting_is_one_line_and_exit_2(fixture_path):
    import os
    out = cli("info", "--db", str(fixture_path), env={**os.environ, "PEERS_MIN_CELL_SIZE": "five"})
    assert out.returncode == 2 and out.stderr.strip() == "error: PEERS_MIN_CELL_SIZE must be a whole number, not 'five'"


def test_protect_decides_the_published_cells_again_with_a_larger_minimum(fixture_path, tmp_path):
    import os

    from peers_dash import queries
    from peers_dash.store.db import open_readonly
    from peers_dash.model.filters import CohortFilter

    db = tmp_path / "copy.duckdb"
    db.write_bytes(fixture_path.read_bytes())
    out = subprocess.run([sys.executable, "-m", "peers_dash", "protect", "--db", str(db)], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "PEERS_MIN_CELL_SIZE": "7"})
    assert out.returncode == 0, out.stderr
    assert "groups of at least 7 people" in out.stdout
    assert "groups of at least 7 people" in cli("info", "--db", str(db)).stdout
    con = open_readonly(db)
    try:  # the MD sessions of six people are no longer published; the eight-person one is, for analysts
        assert queries.attendance(con, CohortFilter(), []).empty
        assert list(queries.attendance(con, CohortFilter(groups=(110,)), ["group"])["n_expected"]) == [8]
    finally:
        con.close()


def test_serve_loads_the_pages_libraries_before_it_listens(monkeypatch):
    """`serve` warms what a first visit would load (no data read), then hands the address to Streamlit."""
    import streamlit.web.bootstrap as bootstrap

    from peers_dash.ui import serve

    seen = {}
    monkeypatch.setattr(bootstrap, "load_config_options", lambda flag_options: seen.update(flags=flag_options))
    monkeypatch.setattr(bootstrap, "run", lambda script, is_hello, args, flags: seen.update(script=script))
    serve.serve(port=8765, address="127.0.0.1")
    assert seen["flags"] == {"server.port": 8765, "server.address": "127.0.0.1"}
    assert seen["script"].endswith("app.py")
    import gc

    try:
        assert {"duckdb", "pandas", "plotly.graph_objects", "peers_dash.charts", "peers_dash.ui.read",
                "peers_dash.ui.widgets", "peers_dash.ingest.pipeline"} <= set(sys.modules)
        assert gc.get_freeze_count() > 0  # what import made is not walked again after every script run
    finally:
        gc.unfreeze()
