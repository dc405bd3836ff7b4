"""The settings table (peers_dash.config.SETTINGS) is the only list of settings: Settings and load_settings
follow it, and the README's settings table says the same, row by row."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from peers_dash import PeersError
from peers_dash.config import SETTINGS, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent


def readme_settings() -> list[tuple[str, str, str]]:
    """(variable, default, meaning) of each row of the README's table under '## Settings', as written."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("## Settings")
    rows: list[tuple[str, str, str]] = []
    for line in lines[start + 1:]:
        if rows and not line.startswith("|"):
            break  # the end of the table
        if not line.startswith("|") or line.startswith("|---") or line.startswith("| variable "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == 3, line
        rows.append((cells[0].strip("`"), cells[1], cells[2]))
    return rows


def test_the_readme_lists_every_setting_with_its_default_and_meaning():
    documented = readme_settings()
    assert [row[0] for row in documented] == [s.env for s in SETTINGS]  # the same settings, in the same order
    for (env, default, meaning), setting in zip(documented, SETTINGS):
        assert default == setting.default_text, env
        assert meaning == setting.meaning, env


def test_settings_has_a_field_per_row_with_its_default():
    assert [(f.name, f.default) for f in dataclasses.fields(Settings)] == [(s.name, s.default) for s in SETTINGS]
    assert load_settings({}) == Settings()
    assert len({s.env for s in SETTINGS}) == len(SETTINGS) and all(s.env.startswith("PEERS_") for s in SETTINGS)


def test_each_variable_sets_its_setting_and_a_blank_one_keeps_the_default(tmp_path):
    env = {"PEERS_DB": str(tmp_path / "x.duckdb"), "PEERS_MIN_CELL_SIZE": " 7 ", "PEERS_CACHE_TTL_S": "",
           "PEERS_DUCKDB_MEMORY": "4GB"}
    settings = load_settings(env)
    assert settings.db_path == tmp_path / "x.duckdb" and not settings.db_is_default
    assert (settings.min_cell_size, settings.cache_ttl_s, settings.duckdb_memory) == (7, 600, "4GB")


@pytest.mark.parametrize("raw,message", [("five", "PEERS_MIN_COMMENT_N must be a whole number, not 'five'"),
                                         ("0", "PEERS_MIN_COMMENT_N must be at least 1, not 0")])
def test_a_malformed_number_names_its_variable(raw, message):
    with pytest.raises(PeersError) as err:
        load_settings({"PEERS_MIN_COMMENT_N": raw})
    assert str(err.value) == message
