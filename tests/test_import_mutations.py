"""A generated corpus of mutated files (cut short, re-encoded, other separators, dates and numbers rewritten,
columns doubled or dropped, junk and huge values) through the real term import: each either imports or is
refused with a message naming the file, and on every refusal the database, the roster file and the
database's inode are exactly as they were. Nothing raises."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from peers_dash import PeersError
from peers_dash.ingest.pipeline import Request, init_database, run_import
from peers_dash.ingest.roster import roster_path
from peers_dash.ingest.templates import template_csv
from tests.test_import import checksum
from tests.test_meeting_reports import FRENCH_REPORT

HERE = Path(__file__).parent
SEED = 20261202


def _sources() -> dict[str, bytes]:
    signin = b"\n".join(line for line in template_csv("signin").splitlines() if b"2024-10-08" not in line) + b"\n"
    return {"roster.csv": template_csv("roster"), "sessions.csv": template_csv("sessions"), "signin.csv": signin,
            "teams_fr.csv": FRENCH_REPORT.encode("utf-16")}


def _text(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeError:
        return data.decode("latin-1"), "latin-1"


def _mutations(rng: random.Random) -> list:
    def cut(d: bytes) -> bytes:
        return d[: rng.randrange(1, max(2, len(d)))]

    def reencode(d: bytes) -> bytes:
        text, _ = _text(d)
        return text.encode(rng.choice(["cp1252", "utf-16", "utf-8-sig", "latin-1"]), errors="replace")

    def separator(d: bytes) -> bytes:
        text, enc = _text(d)
        return text.replace(",", rng.choice([";", "\t", "|"])).encode(enc if enc != "utf-8-sig" else "utf-8")

    def slashed_dates(d: bytes) -> bytes:
        text, enc = _text(d)
        for iso, slashed in (("2024-09-10", "10/09/2024"), ("2024-10-08", "08/10/2024"), ("2024-08-05", "05/08/2024")):
            text = text.replace(iso, slashed)
        return text.encode(enc if enc != "utf-8-sig" else "utf-8")

    def grouped_number(d: bytes) -> bytes:
        return d.replace(b",60", b',"1,000"', 1) if b",60" in d else d.replace(b"60", b"6.000", 1)

    def doubled_column(d: bytes) -> bytes:
        text, enc = _text(d)
        lines = text.splitlines()
        if not lines:
            return d
        sep = "\t" if "\t" in lines[0] else ","
        first = lines[0].split(sep)[0]
        return "\n".join([lines[0] + sep + first] + [line + sep + "x" for line in lines[1:]]).encode("utf-8")

    def dropped_header(d: bytes) -> bytes:
        text, _ = _text(d)
        return "\n".join(text.splitlines()[1:]).encode("utf-8")

    def junk(d: bytes) -> bytes:
        at = rng.randrange(0, max(1, len(d)))
        return d[:at] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))) + d[at:]

    def huge_value(d: bytes) -> bytes:
        text, _ = _text(d)
        lines = text.splitlines()
        if len(lines) > 1:
            lines[1] = "y" * 40_000 + lines[1]
        return "\n".join(lines).encode("utf-8")

    def blank_lines(d: bytes) -> bytes:
        return d.replace(b"\n", b"\n\n\n", 3)

    return [cut, reencode, separator, slashed_dates, grouped_number, doubled_column, dropped_header, junk, huge_value,
            blank_lines]


def _cases() -> list[tuple[str, str, object]]:
    rng = random.Random(SEED)
    cases = []
    for source in _sources():
        for mutate in _mutations(rng):
            cases.append((f"{source}:{mutate.__name__}", source, mutate))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def term_school(tmp_path_factory) -> Path:
    """The template roster and sessions, ready for a term's attendance."""
    db = tmp_path_factory.mktemp("mutations") / "school.duckdb"
    init_database(db, "Mutation University")
    for kind in ("roster", "sessions"):
        assert run_import(db, Request(kind, [(f"{kind}.csv", template_csv(kind))])).applied
    return db


def _copy(db: Path, target: Path) -> Path:
    out = target / db.name
    for source in db.parent.iterdir():
        if source.name.startswith(db.name) and not source.name.endswith(".lock"):
            shutil.copyfile(source, target / source.name)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_mutated_file_imports_or_is_refused_and_a_refusal_changes_nothing(term_school, tmp_path, case):
    label, source, mutate = case
    db = _copy(term_school, tmp_path)
    name = source.replace(".csv", "_mutated.csv")
    data = mutate(_sources()[source])
    before = (checksum(db), roster_path(db).read_bytes(), db.stat().st_ino)
    try:
        outcome = run_import(db, Request("term", [(name, data)]))
    except PeersError as exc:  # a refusal of the whole request, in one sentence
        assert "Traceback" not in str(exc)
        outcome = None
    if outcome is not None and outcome.applied:
        return
    if outcome is not None and not outcome.ok:
        assert all(len(line) < 700 for line in outcome.report.lines())
        assert not any("'program' is missing" in line for line in outcome.report.lines()) or "teams" not in source, \
            outcome.report.lines()  # a Teams report, even cut short, is never taken for a sign-in sheet
        assert any(name in line for line in outcome.report.lines()), outcome.report.lines()
    assert (checksum(db), roster_path(db).read_bytes(), db.stat().st_ino) == before


def test_the_mutation_corpus_covers_every_source_and_mutation():
    assert len(CASES) == len(_sources()) * len(_mutations(random.Random(0))) == 40
