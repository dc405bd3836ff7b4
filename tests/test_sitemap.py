"""The one page list (peers_dash.sitemap.PAGES) matches the scripts: app.py first, then every pages/*.py, each
opening with start() under its label and the role it needs."""
from __future__ import annotations

import ast
from pathlib import Path

from peers_dash.privacy.access import ROLES
from peers_dash.sitemap import PAGES

ROOT = Path(__file__).resolve().parent.parent


def test_the_page_list_is_app_py_and_every_script_in_pages():
    scripts = [p.script for p in PAGES]
    assert scripts[0] == "app.py" and len(set(scripts)) == len(scripts)
    assert all((ROOT / script).is_file() for script in scripts), scripts
    assert sorted(scripts[1:]) == sorted(f"pages/{f.name}" for f in (ROOT / "pages").glob("*.py"))
    assert len({p.url for p in PAGES}) == len({p.label for p in PAGES}) == len(PAGES)
    assert all(p.role in ROLES and p.icon.startswith(":material/") for p in PAGES)


def _start_call(script: str) -> ast.Call:
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "start"]
    assert len(calls) == 1, script
    return calls[0]


def test_each_script_starts_under_its_label_and_needs_its_role():
    for page in PAGES:  # the title finds the page's address for Share; the role guards the page itself
        call = _start_call(page.script)
        needs = next((k.value.value for k in call.keywords if k.arg == "needs"), "viewer")
        assert (call.args[0].value, needs) == (page.label, page.role), page.script
