"""Every setting a person can set, in one table (SETTINGS): its name, environment variable, default and meaning.
The Settings record and load_settings are made from it, and the README's settings table must say the same
(tests/test_settings.py reads it). Hooks for tests and benchmarks are not settings and are not listed here."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import Mapping

from peers_dash import PeersError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "peers.duckdb"
# A real database started from the Import page (no shell): shown instead of the demo once it exists.
STARTED_DB = ROOT / "data" / "real.duckdb"


@dataclass(frozen=True)
class Setting:
    """One row of the table. `kind` says how the variable is read: int, a whole number of at least 1; Path, a
    file path (made absolute); str, as written. `shown_default` is the default in words, where the value alone
    (None, for PEERS_DB) would not say it."""

    name: str        # the attribute of Settings, with its unit in its name
    env: str         # the environment variable
    default: object  # the value when the variable is unset or blank
    meaning: str     # as the README says it (Markdown)
    kind: type = int
    shown_default: str = ""

    @property
    def default_text(self) -> str:
        """The default as the README writes it."""
        return self.shown_default or str(self.default)

    def parse(self, raw: str) -> object:
        """The value of a non-blank variable; a malformed one raises PeersError naming the variable."""
        if self.kind is Path:
            return Path(raw).expanduser().resolve()
        if self.kind is str:
            return raw
        try:
            number = int(raw)
        except ValueError:
            raise PeersError(f"{self.env} must be a whole number, not {raw!r}") from None
        if number < 1:
            raise PeersError(f"{self.env} must be at least 1, not {number}")
        return number


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "PEERS_DB", None, "the DuckDB file to show", Path,
            shown_default="`data/real.duckdb` once started on the Import page, else `data/peers.duckdb` "
                          "(demo, built on first run)"),
    Setting("min_cell_size", "PEERS_MIN_CELL_SIZE", 5,
            "fewest distinct people in a published cell, so behind any number shown (applied when data is "
            "written: run `python -m peers_dash protect` after changing it; until then the dashboard shows "
            "nothing if the setting asks for more than the database was protected for)"),
    Setting("min_comment_n", "PEERS_MIN_COMMENT_N", 10,
            "fewest respondents to a program's annual wave before its comments show (applied like the above)"),
    Setting("cache_ttl_s", "PEERS_CACHE_TTL_S", 600,
            "seconds a query result stays cached (a new database version clears it)"),
    Setting("demo_seed", "PEERS_DEMO_SEED", 2017, "seed of the demo database"),
    Setting("duckdb_memory", "PEERS_DUCKDB_MEMORY", "1GB",
            "memory the dashboard's DuckDB connection may use for its buffer pool", str),
)
BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


class _DatabaseChoice:
    """What Settings adds to its fields: which database file is shown."""

    db: Path | None

    @property
    def db_is_default(self) -> bool:
        """True when the demo database is shown (no PEERS_DB, no database started from the Import page)."""
        return self.db is None and not started_db().exists()

    @property
    def db_path(self) -> Path:
        """The database file: PEERS_DB; else the real database started from the Import page (data/real.duckdb);
        else the demo database in data/."""
        if self.db is not None:
            return self.db
        return started_db() if started_db().exists() else DEFAULT_DB


# Settings(db=None, min_cell_size=5, ...): one field per row of SETTINGS, in order, with its default.
Settings = make_dataclass(
    "Settings", [(s.name, s.kind if s.default is not None else s.kind | None, field(default=s.default))
                 for s in SETTINGS],
    bases=(_DatabaseChoice,), frozen=True,
    namespace={"__module__": __name__, "__doc__": "Every setting (see SETTINGS), with its unit in its name."})


def started_db() -> Path:
    """Where the Import page starts a real database (a function, so tests can point it elsewhere)."""
    return STARTED_DB


def read_setting(name: str, env: Mapping[str, str] | None = None) -> object:
    """One setting from the environment: its default when the variable is unset or blank; a malformed value
    raises PeersError naming the variable."""
    setting = BY_NAME[name]
    raw = (os.environ if env is None else env).get(setting.env, "").strip()
    return setting.parse(raw) if raw else setting.default


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Every setting from the environment; a malformed number raises PeersError naming the variable."""
    return Settings(**{s.name: read_setting(s.name, env) for s in SETTINGS})
