"""Formats as modules: each export format is one self-describing module in peers_dash/ingest/formats, and a
new one is one new file."""
from __future__ import annotations

from peers_dash.ingest import formats
from peers_dash.ingest.formats import REGISTRY, detect_format
from peers_dash.ingest.problems import Report
from peers_dash.ingest.templates import template_csv


def test_every_format_describes_itself_and_the_registry_orders_them_most_specific_first():
    assert list(REGISTRY) == ["qualtrics", "redcap_dictionary", "redcap", "teams", "zoom", "signin", "sessions",
                              "roster", "wide"]
    for name, fmt in REGISTRY.items():
        assert fmt.name == name and fmt.kind in ("roster", "sessions", "attendance", "survey")
        assert fmt.label.startswith(("a ", "an ")) and callable(fmt.recognise)
    assert REGISTRY["redcap_dictionary"].parse is None  # not data itself
    assert list(REGISTRY)[-1] == "wide"  # asked last: any other table


def test_each_template_is_recognised_and_parsed_by_its_own_module():
    for kind in ("roster", "sessions", "signin"):
        data = template_csv(kind)
        assert detect_format(data, f"{kind}.csv") == kind
        report = Report()
        frames = REGISTRY[kind].parse(formats.Input(f"{kind}.csv", data, report))
        assert report.ok and len(frames["rows"]) > 0


PLUGIN = '''
"""A badge-scanner export: 'Badge,Scanned at' (a format added by dropping in this one file)."""
from peers_dash.ingest.formats import Format, Head


def recognise(head: Head) -> bool:
    return head.header[:2] == ["badge", "scannedat"]


def parse(inp):
    import pandas as pd
    return {"rows": pd.DataFrame({"badge": [inp.name]})}


FORMAT = Format("badges", "attendance", "a badge-scanner export", 45, recognise, parse)
'''


def test_a_new_format_is_one_new_file(tmp_path, monkeypatch):
    (tmp_path / "badges.py").write_text(PLUGIN)
    monkeypatch.setattr(formats, "__path__", [*formats.__path__, str(tmp_path)])
    registry = formats._load()
    assert list(registry).index("badges") == list(registry).index("zoom") - 1  # ordered by its own number (45)
    monkeypatch.setattr(formats, "REGISTRY", registry)
    assert detect_format(b"Badge,Scanned at\n1042,2024-09-10 12:01\n", "scan.csv") == "badges"
    assert detect_format(template_csv("signin"), "signin.csv") == "signin"  # the others unchanged


def test_each_problem_carries_a_stable_code_beside_its_words():
    from peers_dash.ingest.problems import CODES, code_of

    assert len({code for code, _ in CODES}) == len(CODES)  # each kind listed once
    samples = {
        "date-ambiguous": "'10/09/2024' is 9 October 2024 or 10 September 2024, and no date in the file says which",
        "duplicate-column": "the column 'Email' appears more than once: keep one",
        "missing-column": "the required column 'program' is missing (columns found: a, b)",
        "number-ambiguous": "'1,000' could be 1000 or 1 minutes (a thousands separator or a decimal mark)",
        "roster-mismatch": "only 0 of the 1 people in this report match the roster",
        "date-contradicts-session": "a meeting on 2024-11-08, but the session chosen is on 2024-10-08",
        "workbook-too-big": "f.xlsx unpacks to 600 MB, over the limit of 400 MB",
    }
    for code, message in samples.items():
        assert code_of(message) == code, (code, message)
    report = Report()
    report.error("f.csv", 3, "date", samples["date-ambiguous"])
    report.warning("f.csv", None, None, "anything new", code="my-code")
    assert [p.code for p in report.problems] == ["date-ambiguous", "my-code"]
    assert report.lines()[0].endswith("[date-ambiguous]") and report.lines()[1].endswith("[my-code]")
