"""The SQL tree (peers_dash/sql): every file says at its top what it computes and names each `$parameter` and
`{placeholder}` it uses; every file is loaded by the code, and every name the code loads is a file."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from peers_dash.sql import SQL_DIR, _statements, load
from peers_dash.store.db import migration_files

PACKAGE = SQL_DIR.parent
FILES = sorted(p.relative_to(SQL_DIR).with_suffix("").as_posix() for p in SQL_DIR.rglob("*.sql"))
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _header(text: str) -> str:
    """The comment lines a file opens with."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return "\n".join(lines)


def _body(text: str) -> str:
    """The statements, without comments."""
    return ";\n".join(_statements(text))


@pytest.mark.parametrize("name", FILES)
def test_a_file_names_what_it_computes_and_each_parameter_and_placeholder_at_its_top(name):
    text = load(name)
    header = _header(text)
    assert len(header.split()) >= 6, f"{name}.sql opens without saying what it computes"
    body = _body(text)
    unnamed = sorted({p for p in _PARAM.findall(body) if f"${p}" not in header})
    assert not unnamed, f"{name}.sql uses {unnamed} without naming them in its opening comments"
    unnamed = sorted({p for p in _PLACEHOLDER.findall(body) if f"{{{p}}}" not in header})
    assert not unnamed, f"{name}.sql fills {unnamed} without naming them in its opening comments"


def _python_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py")]


def _references() -> tuple[set[str], list[re.Pattern], list[tuple[str, str]]]:
    """Every string constant of the package's code, the f-strings that start with a folder of the tree (as
    patterns), and the names passed as constants to load() and run_script() (with where they are)."""
    constants: set[str] = set()
    patterns: list[re.Pattern] = []
    loaded: list[tuple[str, str]] = []
    folders = {p.name for p in SQL_DIR.iterdir() if p.is_dir()}
    for path in _python_files():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                first = str(node.values[0].value)
                if first.split("/")[0] in folders and "/" in first:
                    pattern = "".join(re.escape(str(v.value)) if isinstance(v, ast.Constant) else "[A-Za-z0-9_/]+"
                                      for v in node.values)
                    patterns.append(re.compile(pattern))
            elif isinstance(node, ast.Call):
                func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                position = {"load": 0, "run_script": 1}.get(func)
                if position is not None and len(node.args) > position:
                    arg = node.args[position]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        loaded.append((arg.value, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"))
    return constants, patterns, loaded


def test_every_file_is_loaded_somewhere():
    constants, patterns, _ = _references()
    migrations = {name for _, name in migration_files()}
    orphans = [name for name in FILES if name not in constants and name not in migrations
               and not any(p.fullmatch(name) for p in patterns)]
    assert not orphans, f"no code loads {orphans}"


def test_every_name_the_code_loads_is_a_file():
    _, _, loaded = _references()
    missing = [(name, where) for name, where in loaded if name not in FILES]
    assert not missing, f"no such SQL file: {missing}"
    assert len(loaded) > 50  # the walk found the calls


def test_the_migrations_are_numbered_one_after_another():
    versions = [v for v, _ in migration_files()]
    assert versions == list(range(1, len(versions) + 1))
