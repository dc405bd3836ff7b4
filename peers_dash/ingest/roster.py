"""The roster file: the only place names and e-mails live, beside the database, read by imports alone.

`<db>.roster.csv` maps each pseudonymous participant_id to the school's roster id, e-mail and name. It is
written under the writer's lock, atomically, before the database swap (a crash in between leaves ids in
the roster that the database does not use yet; the next import reuses them).
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

COLUMNS = ["participant_id", "roster_id", "email", "name"]


def roster_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".roster.csv")


def load_roster(db: Path) -> pd.DataFrame:
    """The roster (empty when there is none yet); every column text except participant_id."""
    path = roster_path(db)
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "participant_id" else "object") for c in COLUMNS})
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    df["participant_id"] = df["participant_id"].astype("int64")
    return df[COLUMNS]


def save_roster(db: Path, roster: pd.DataFrame) -> None:
    """Write the roster atomically (private copy, fsync, rename)."""
    path = roster_path(db)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    roster[COLUMNS].sort_values("participant_id").to_csv(tmp, index=False, encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def norm_email(text: object) -> str:
    return str(text or "").strip().lower()


def norm_name(text: object) -> str:
    """'  Zoë  VAN der Berg ' -> 'zoe van der berg': case, accents and spacing do not matter."""
    t = unicodedata.normalize("NFKD", str(text or ""))
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", t).strip().casefold()


class PersonIndex:
    """Finds a participant by roster id, e-mail or name (in that order of trust)."""

    def __init__(self, roster: pd.DataFrame) -> None:
        self.by_id = {str(r): int(p) for r, p in zip(roster["roster_id"], roster["participant_id"]) if str(r)}
        self.by_email = {norm_email(e): int(p) for e, p in zip(roster["email"], roster["participant_id"]) if str(e)}
        names: dict[str, list[int]] = {}
        for n, p in zip(roster["name"], roster["participant_id"]):
            if str(n):
                names.setdefault(norm_name(n), []).append(int(p))
        self.by_name = names

    def find(self, roster_id: str = "", email: str = "", name: str = "",
             among: set[int] | None = None) -> tuple[int | None, str]:
        """(participant_id, how) or (None, why not). `among` narrows name matches (e.g. a group's members)."""
        if roster_id and str(roster_id) in self.by_id:
            return self.by_id[str(roster_id)], "roster id"
        if email and norm_email(email) in self.by_email:
            return self.by_email[norm_email(email)], "e-mail"
        if name:
            hits = self.by_name.get(norm_name(name), [])
            if among is not None:
                hits = [h for h in hits if h in among]
            if len(hits) == 1:
                return hits[0], "name"
            if len(hits) > 1:
                return None, f"{len(hits)} people on the roster are called {name!r}"
        return None, "not on the roster"
