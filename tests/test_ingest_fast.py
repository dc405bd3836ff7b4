"""The bulk path for big sign-in sheets agrees with the full parser, and hands anything unusual to it."""
from __future__ import annotations

import duckdb
import pytest

from peers_dash.ingest.pipeline import Request, run_import
from peers_dash.ingest.stage import fast_signin
from tests.test_import import checksum

HEADER = "program,cohort,group,date,session_number,person,status,minutes\n"
PEOPLE = ["ada.example@example.edu", "Ben Sample", "S1003", "dee.sample@example.edu", "eli.example@example.edu",
          "fay.example@example.edu"]


def sheet(extra: str = "") -> bytes:
    """The template's two sessions with people by e-mail, name and roster id, and status spellings mixed."""
    rows = []
    statuses = {"2024-09-10": "P E A P P P".split(), "2024-10-08": "present absent x yes 0 1".split()}
    for n, (day, marks) in enumerate(statuses.items(), start=1):
        for person, mark in zip(PEOPLE, marks):
            rows.append(f"MD,2028,Group 07,{day},{n},{person},{mark},{'45' if mark in ('P', 'present') else ''}")
    body = HEADER + "\n".join(rows) + "\n" + extra
    return body.encode()


def test_a_clean_sheet_loads_the_same_through_either_path(template_school, tmp_path, monkeypatch):
    school = template_school
    other = tmp_path / "other.duckdb"
    other.write_bytes(school.read_bytes())
    (tmp_path / "other.duckdb.roster.csv").write_bytes((tmp_path / "school.duckdb.roster.csv").read_bytes())
    data = sheet()
    monkeypatch.setattr(fast_signin, "MIN_BYTES", 0)  # bulk path
    con = duckdb.connect()
    assert fast_signin.load_clean_signin(con, data, "sheet.csv")
    assert con.execute("SELECT min(_row), max(_row), count(*) FROM incoming").fetchall() == [(2, 13, 12)]
    assert run_import(school, Request("attendance", [("sheet.csv", data)])).applied
    monkeypatch.setattr(fast_signin, "MIN_BYTES", 10**12)  # full parser
    assert run_import(other, Request("attendance", [("sheet.csv", data)])).applied
    assert checksum(school) == checksum(other)


@pytest.mark.parametrize("extra,message", [
    ("MD,2028,Group 07,2024-10-08,2,gus@example.edu,maybe,\n", "row 14, column 'status': status 'maybe'"),
    ("MD,2028,Group 07,10/08/2024,2,ada.example@example.edu,present,\n", "row 14, column 'date'"),
    ("\nMD,2028,Group 07,2024-10-08,3,ada.example@example.edu,present,\n", "row 15, column 'session_number'"),
])
def test_an_unusual_sheet_goes_to_the_full_parser_which_names_the_row(template_school, monkeypatch, extra, message):
    monkeypatch.setattr(fast_signin, "MIN_BYTES", 0)
    data = sheet(extra)
    assert not fast_signin.load_clean_signin(duckdb.connect(), data, "sheet.csv")
    outcome = run_import(template_school, Request("attendance", [("sheet.csv", data)]))
    assert not outcome.applied
    assert any(message in line for line in outcome.report.lines()), outcome.report.lines()


def test_the_bulk_path_leaves_no_copy_of_the_sheet_in_the_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    monkeypatch.setattr(fast_signin, "MIN_BYTES", 0)
    seen = []
    real_write = fast_signin._write_all

    def spy(fd, data):  # while DuckDB reads it, the copy is already gone from the folder
        real_write(fd, data)
        seen.append(sorted(p.name for p in private.iterdir()))

    monkeypatch.setattr(fast_signin, "_write_all", spy)
    con = duckdb.connect()
    assert fast_signin.load_clean_signin(con, sheet(), "sheet.csv")
    assert con.execute("SELECT count(*) FROM incoming WHERE contains(person, '@')").fetchall() == [(8,)]
    assert seen == [[]] and not list(private.iterdir())
