"""Shared fixtures: the school-scale demo database (built once) and the small hand-made fixture."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A school-scale demo database built once for the whole run (seed 2017)."""
    from peers_dash.store.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "peers.duckdb"
    build_demo(path, scale="school", seed=2017)
    return path


@pytest.fixture(scope="session")
def system_db(tmp_path_factory) -> Path:
    """A consortium: the system-scale demo (ten institutions whose program names repeat), built once."""
    from peers_dash.store.demo import build_demo

    path = tmp_path_factory.mktemp("system") / "system.duckdb"
    build_demo(path, scale="system", seed=2017)
    return path


def _app_on(monkeypatch, path: Path):
    """PEERS_DB at `path` for AppTest, with caches cleared before and after so settings and connections are
    read afresh."""
    monkeypatch.setenv("PEERS_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def system_env(monkeypatch, system_db):
    """The app on the consortium demo."""
    yield from _app_on(monkeypatch, system_db)


@pytest.fixture(scope="session")
def fixture_path(tmp_path_factory) -> Path:
    """The tiny hand-made database of tests/fixture_db.py."""
    from tests.fixture_db import build_fixture

    return build_fixture(tmp_path_factory.mktemp("fixture") / "fixture.duckdb")


@pytest.fixture
def office_db(fixture_path, tmp_path, monkeypatch):
    """A copy of the tiny fixture (a real database: the demo is never written to) that the app shows."""
    import shutil

    db = tmp_path / "office.duckdb"
    shutil.copy(fixture_path, db)
    yield from _app_on(monkeypatch, db)


@pytest.fixture()
def con(fixture_path):
    """A read-only connection to the tiny fixture."""
    from peers_dash.store.db import open_readonly

    connection = open_readonly(fixture_path)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def _template_school_once(tmp_path_factory) -> Path:
    from peers_dash.ingest.pipeline import Request, init_database, run_import
    from peers_dash.ingest.templates import template_csv

    db = tmp_path_factory.mktemp("template") / "school.duckdb"
    init_database(db, "Template University")
    for kind in ("roster", "sessions"):
        outcome = run_import(db, Request(kind, [(f"{kind}.csv", template_csv(kind))], who="test"))
        assert outcome.applied, outcome.report.lines()
    return db


@pytest.fixture()
def template_school(_template_school_once, tmp_path) -> Path:
    """A new real database holding the roster and sessions templates: 6 people in MD 2028 Group 07 and
    two sessions, ready for attendance (built once, copied for each test with its roster files)."""
    import shutil

    for source in _template_school_once.parent.iterdir():
        if source.name.startswith("school.duckdb") and not source.name.endswith(".lock"):
            shutil.copyfile(source, tmp_path / source.name)
    return tmp_path / "school.duckdb"


@pytest.fixture()
def app_env(monkeypatch, fixture_path):
    """The app on the hand-made fixture."""
    yield from _app_on(monkeypatch, fixture_path)


@pytest.fixture(scope="session")
def school(tmp_path_factory):
    """The hostile school (tests/hostile_school.py) in four data versions: as built; with a late response, a
    corrected sign-in, a new session and five late responses; with four of those withdrawn; undone to the first."""
    from tests import hostile_school

    tmp = tmp_path_factory.mktemp("hostile")
    s = hostile_school.build(tmp / "school.duckdb")
    s.keep(tmp)
    hostile_school.late_data(s)
    s.keep(tmp)
    hostile_school.fewer_late(s)
    s.keep(tmp)
    hostile_school.undo_to(s, 1)
    s.keep(tmp)
    return s


@pytest.fixture(scope="session")
def world(school):
    """Per data version of the hostile school: a read-only app connection and the privacy oracle."""
    from peers_dash.store.db import open_readonly
    from tests.privacy_oracle import Oracle

    out = {v: (open_readonly(path), Oracle(school.versions, v, school.person_of_response))
           for v, path in school.versions.items()}
    yield out
    for con, _ in out.values():
        con.close()


# ---- the browser tests' fixtures (helpers: tests/browser_kit.py) ----

@pytest.fixture(scope="module")
def server(demo_db):
    """The app on the school demo, one server per test module."""
    from tests.bench.server import running_app

    with running_app(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium; with CI=true a missing one fails the run."""
    import os

    from tests.bench.server import BROWSER_ARGS as ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium (tests/run.sh does)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = context.new_page()
    yield p
    context.close()
