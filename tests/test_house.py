"""The shape of the code: only the UI layer imports Streamlit, the product imports neither its tests nor its
benchmarks (tests/bench), and no module grows past what a newcomer reads at once."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "peers_dash").rglob("*.py"))]
MAX_LINES = 400


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (imports inside functions count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_only_the_ui_layer_imports_streamlit():
    ui = {ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "peers_dash" / "ui").glob("*.py")}
    plain = [p.relative_to(ROOT) for p in PRODUCT if p not in ui
             and any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(p))]
    assert plain == []


def test_the_product_imports_neither_its_tests_nor_its_benchmarks():
    leaks = {str(p.relative_to(ROOT)): sorted(m for m in _imports(p) if m.split(".")[0] == "tests")
             for p in PRODUCT}
    assert {k: v for k, v in leaks.items() if v} == {}


def test_no_module_is_longer_than_a_newcomer_reads_at_once():
    modules = PRODUCT + sorted((ROOT / "tests" / "bench").glob("*.py"))
    long = {str(p.relative_to(ROOT)): n for p in modules if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_no_line_of_the_product_is_wider_than_120_characters():
    wide = [f"{p.relative_to(ROOT)}:{i}" for p in PRODUCT + sorted((ROOT / "tests" / "bench").glob("*.py"))
            for i, line in enumerate(p.read_text().splitlines(), 1) if len(line) > 120]
    assert wide == []
