"""A fast path for big, clean sign-in sheets: DuckDB reads and checks a UTF-8 CSV in bulk.

It only decides "clean or not": a file it cannot vouch for entirely (another encoding, blank lines or line
breaks inside fields that would shift row numbers, any value the bulk checks reject) goes to the full
parser (formats.parsers.templates.parse_signin), which names every problem with its row and column. So the two
never disagree on what is accepted, and messages come from one place.
"""
from __future__ import annotations

import codecs
import os
import tempfile

import duckdb

from peers_dash.ingest.canonical import ATTENDANCE
from peers_dash.ingest.formats.parsers.templates import EMAIL_PATTERN, STATUS, match_columns
from peers_dash.ingest.read import sniff_delimiter
from peers_dash.sql import load, run_script

MIN_BYTES = 2_000_000  # below this the full parser is fast enough
_STATUS_OF = {}
for _value, _spellings in STATUS.items():
    for _spelling in _spellings:
        _STATUS_OF.setdefault(_spelling, _value)  # one meaning per spelling: the join below never repeats a row
_SPELLINGS, _VALUES = list(_STATUS_OF), list(_STATUS_OF.values())

# Constant statements (sql/ingest/signin/): the file's own column names never reach SQL text, and every check
# runs on distinct values.
_READ = load("ingest/signin/read")
_BAD = load("ingest/signin/bad")
_NORMALISE = load("ingest/signin/normalise")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def load_clean_signin(con: duckdb.DuckDBPyConnection, data: bytes, name: str) -> bool:
    """Put a big sign-in CSV whose every row passes into the temp table `incoming` and return True; False
    (and no table) when the full parser should read it."""
    if len(data) < MIN_BYTES or name.lower().endswith((".xlsx", ".xls")):
        return False
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        body[:65536].decode("utf-8")
        first_line = body[:65536].split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        return False
    delim = sniff_delimiter(first_line)
    columns = [c.strip() for c in first_line.split(delim)]
    found = match_columns("signin", columns)
    if set(found) != set(ATTENDANCE) or len(columns) != len(ATTENDANCE):
        return False  # not the canonical columns: the full parser matches synonyms and names what is missing
    by_file = {v: k for k, v in found.items()}
    types = {f"c_{by_file[c]}": "VARCHAR" for c in columns}  # file columns renamed c_<canonical>, in order
    # The sheet holds e-mails: its copy on disk is unlinked at once and read through this process's open
    # descriptor, so nothing is left in the temporary folder even if the process is killed mid-read.
    fd, path = tempfile.mkstemp(suffix=".csv")
    os.unlink(path)
    try:
        _write_all(fd, body)
        try:
            con.execute(_READ, {"path": f"/proc/self/fd/{fd}", "delim": delim, "types": types}).fetchall()
        except duckdb.Error:
            con.execute("DROP TABLE IF EXISTS incoming_raw").fetchall()
            return False  # e.g. a ragged row: let the full parser say where
    finally:
        os.close(fd)
    n_rows = con.execute("SELECT count(*) FROM incoming_raw").fetchall()[0][0]
    n_bad = con.execute(_BAD, {"spellings": _SPELLINGS, "email": EMAIL_PATTERN}).fetchall()[0][0]
    lines = body.count(b"\n") + (0 if body.endswith(b"\n") else 1)
    if n_bad or n_rows != lines - 1:  # a bad value, or blank rows / line breaks in fields shift row numbers
        con.execute("DROP TABLE incoming_raw").fetchall()
        return False
    # A view, not a copy: the normalising is cheap and the raw table is read a few times. A view cannot
    # hold bound parameters, so the values it needs go into two small temp tables, inserted bound.
    run_script(con, "ingest/signin/values", {"file": name, "spellings": _SPELLINGS, "values": _VALUES})
    con.execute(_NORMALISE).fetchall()
    return True
