"""Settings with defaults and help text, read from PEERS_* environment variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Mapping

from peers_dash import PeersError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "peers.duckdb"
# A real database started from the Import page (no shell): shown instead of the demo once it exists.
STARTED_DB = ROOT / "data" / "real.duckdb"


@dataclass(frozen=True)
class Settings:
    """Every setting, with its unit in its name. The metadata holds the environment variable and help."""

    db: Path | None = None          # None: STARTED_DB when the Import page started one, else the demo
    min_cell_size: int = 5
    min_comment_n: int = 10
    cache_ttl_s: int = 600
    demo_seed: int = 2017

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


def started_db() -> Path:
    """Where the Import page starts a real database (a function, so tests can point it elsewhere)."""
    return STARTED_DB


HELP: dict[str, tuple[str, str]] = {
    "db": ("PEERS_DB", "DuckDB file to show. Unset: data/real.duckdb once the Import page has started one, else "
                       "the demo database in data/, built on first run."),
    "min_cell_size": ("PEERS_MIN_CELL_SIZE", "Fewest distinct people behind any number shown (default 5)."),
    "min_comment_n": ("PEERS_MIN_COMMENT_N", "Fewest respondents in view before free-text comments show."),
    "cache_ttl_s": ("PEERS_CACHE_TTL_S", "Seconds a query result stays cached (a new import clears it)."),
    "demo_seed": ("PEERS_DEMO_SEED", "Seed of the synthetic demo database."),
}


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment; a malformed number raises PeersError naming the variable."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    for f in fields(Settings):
        var = HELP[f.name][0]
        raw = env.get(var, "").strip()
        if not raw:
            continue
        if f.name == "db":
            values[f.name] = Path(raw).expanduser().resolve()
            continue
        try:
            number = int(raw)
        except ValueError:
            raise PeersError(f"{var} must be a whole number, not {raw!r}") from None
        if number < 1:
            raise PeersError(f"{var} must be at least 1, not {number}")
        values[f.name] = number
    return Settings(**values)
