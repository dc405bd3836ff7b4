"""Every malformed file of both corpora through the real import: refused with its message, and the
database (every view) and the roster file exactly as they were."""
from __future__ import annotations

from pathlib import Path

import pytest

from peers_dash.ingest.pipeline import Request, run_import
from peers_dash.ingest.roster import roster_path
from tests import test_ingest_attendance as att
from tests import test_ingest_survey as srv
from tests.test_import import checksum

KIND = {"roster": "roster", "sessions": "sessions", "signin": "attendance", "zoom": "attendance",
        "teams": "attendance", "read": "attendance"}
ATTENDANCE_BAD = sorted(name for name, (_, expected) in att.CASES.items() if expected != "ok")
SURVEY_BAD = [c for c in srv.CASES if any(severity == "error" for severity, *_ in c[3])]


def state(db: Path) -> tuple:
    return checksum(db), roster_path(db).read_bytes(), db.stat().st_ino


@pytest.mark.parametrize("name", ATTENDANCE_BAD)
def test_a_bad_attendance_side_file_changes_nothing(template_school, name):
    fmt, expected = att.CASES[name]
    before = state(template_school)
    req = Request(KIND[fmt], [(name, (att.CORPUS / name).read_bytes())], who="test",
                  fmt="auto" if fmt == "read" else fmt, session="MD Class of 2028 / Group 07 / 2024-09-10")
    outcome = run_import(template_school, req)
    assert not outcome.applied and not outcome.ok
    words = expected if isinstance(expected, str) else expected[0][2]
    assert any(words in line and name in line for line in outcome.report.lines()), outcome.report.lines()
    assert state(template_school) == before


@pytest.mark.parametrize("case", SURVEY_BAD, ids=[c[0] for c in SURVEY_BAD])
def test_a_bad_survey_file_changes_nothing(template_school, case):
    data, mapping_file, parser, expected = case
    before = state(template_school)
    if parser == "redcap":
        files = [(f"{data}_{p.name}", p.read_bytes()) for p in sorted((srv.CORPUS / data).iterdir())]
    elif parser == "mapping":  # the mapping itself is bad: any survey file with it
        files = [("formula_text.csv", (srv.CORPUS / "formula_text.csv").read_bytes())]
        mapping_file = data
    else:
        files = [(data, (srv.CORPUS / data).read_bytes())]
    mapping = (mapping_file, (srv.CORPUS / mapping_file).read_bytes()) if mapping_file else None
    outcome = run_import(template_school, Request("survey", files, mapping=mapping, wave="2024-25 annual",
                                                  who="test"))
    assert not outcome.applied
    words = next(w for severity, _, _, w in expected if severity == "error")
    assert any(words in line for line in outcome.report.lines()), outcome.report.lines()
    assert state(template_school) == before


def test_the_corpora_hold_at_least_25_malformed_files():
    assert len(ATTENDANCE_BAD) + len(SURVEY_BAD) >= 25
