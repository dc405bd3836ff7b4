"""The roster file: the only place names and e-mails live, beside the database, read by imports alone.

`<db>.roster.csv` maps each pseudonymous participant_id to the school's roster id, e-mail and name. The
file and the database change together: an import writes the new roster beside the old one
(`<db>.roster.csv.pending`) and records its digest in the database copy; the database is swapped in, then
the pending file. Whatever moment a crash strikes, the database names the digest of its roster, and
load_roster finds the file that has it (the current, pending or previous one), so both stay as they were
or both change. A database with people whose roster file is gone stops every import that needs it.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

from peers_dash import PeersError

COLUMNS = ["participant_id", "roster_id", "email", "name"]


def roster_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".roster.csv")


def pending_path(db: Path) -> Path:
    return roster_path(db).with_name(roster_path(db).name + ".pending")


def previous_roster_path(db: Path) -> Path:
    return roster_path(db).with_name(roster_path(db).name + ".previous")


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "participant_id" else "object") for c in COLUMNS})


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def load_roster(db: Path, digest: str | None = None, *, people: int = 0, repair: bool = False) -> pd.DataFrame:
    """The roster that belongs to the database (empty when there is none yet); every column text except
    participant_id.

    digest: the roster digest the database records (meta 'roster_digest'); the current, pending or previous
    file with that digest is the roster, and with repair=True (under the writer's lock) it becomes the
    current file. people: how many participants the database holds; with people and no roster file at all
    the import stops rather than give the same people new ids."""
    path = roster_path(db)
    found = None
    if digest is None:
        found = path if path.exists() else None
    else:
        for candidate in (path, pending_path(db), previous_roster_path(db)):
            if _digest(candidate) == digest:
                found = candidate
                break
        if found is None:
            raise PeersError(
                f"the roster file {path.name} does not match the database beside it (it is missing, or was "
                f"replaced or edited by hand): put back the {path.name} saved with the database, then import again."
                " Nothing was changed.")
    if found is None:
        if people:
            raise PeersError(
                f"the roster file {path.name} is missing, but the database holds {people:,} people: put it back "
                "beside the database (from the backup taken with it) before importing, or their attendance "
                "cannot be matched and they would be added again under new ids. Nothing was changed.")
        return _empty()
    if repair and found != path:
        os.replace(found, path) if found == pending_path(db) else _copy_atomically(found, path)
    if repair:
        pending_path(db).unlink(missing_ok=True)  # a stale one, from an import that never landed
    df = pd.read_csv(found if found.exists() else path, dtype=str, keep_default_na=False, encoding="utf-8")
    df["participant_id"] = df["participant_id"].astype("int64")
    return df[COLUMNS]


def _csv_bytes(roster: pd.DataFrame) -> bytes:
    out = io.StringIO()
    roster[COLUMNS].sort_values("participant_id").to_csv(out, index=False)
    return out.getvalue().encode("utf-8")


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _copy_atomically(source: Path, path: Path) -> None:
    _write_atomically(path, source.read_bytes())


def stage_roster_file(db: Path, roster: pd.DataFrame) -> str:
    """Write the roster an import is about to commit beside the current one; returns its digest, which the
    import records in the database copy (meta 'roster_digest') before the swap."""
    data = _csv_bytes(roster)
    _write_atomically(pending_path(db), data)
    return hashlib.sha256(data).hexdigest()


def commit_roster_file(db: Path) -> None:
    """After the database swap: the pending roster becomes the roster (a crash before this is repaired by
    the next load_roster, since the database already names the pending file's digest)."""
    if pending_path(db).exists():
        os.replace(pending_path(db), roster_path(db))


def save_roster(db: Path, roster: pd.DataFrame) -> None:
    """Write the roster of a database that records no roster digest (benchmarks' synthetic databases)."""
    _write_atomically(roster_path(db), _csv_bytes(roster))


def norm_email(text: object) -> str:
    return str(text or "").strip().lower()


def norm_name(text: object) -> str:
    """'  Zoë  VAN der Berg ' -> 'zoe van der berg': case, accents and spacing do not matter."""
    t = unicodedata.normalize("NFKD", str(text or ""))
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", t).strip().casefold()


def name_forms(text: object) -> list[str]:
    """The ways a written name may match a roster name, most exact first: as written, 'Last, First' turned
    round, and first + last without middle names ('Ada B. Example' -> 'ada example')."""
    t = str(text or "")
    # a meeting tool's decorations: '(Host)', '(Guest)', '(she/her)', '[MS2]'
    t = re.sub(r"\s*[\(\[][^\)\]]{0,30}[\)\]]\s*", " ", t)
    forms = [norm_name(t)]
    if t.count(",") == 1:
        last, first = t.split(",")
        if last.strip() and first.strip():
            forms.append(norm_name(f"{first} {last}"))
    for f in list(forms):
        parts = f.replace("-", " ").split(" ") if f else []
        if len(parts) > 2 and "," not in f:
            forms.append(f"{parts[0]} {parts[-1]}")
    if len(first := forms[0].split(" ")) == 2 and "," not in forms[0]:
        forms.append(f"{first[1]} {first[0]}")  # 'Sample Dee': family name first, without a comma (tried last)
    return list(dict.fromkeys(x for x in forms if x))


def email_local(text: object) -> str:
    """The part of an e-mail before '@' and any '+tag': the same person at another of the school's domains."""
    local = norm_email(text).split("@")[0]
    return local.split("+")[0]


class PersonIndex:
    """Finds a participant by roster id, e-mail or name (in that order of trust). Names match the way rosters
    and meeting tools write them: case, accents and spacing aside, 'Last, First', and without middle names;
    an e-mail matches at another domain of the school when its local part is unique on the roster."""

    def __init__(self, roster: pd.DataFrame) -> None:
        self.by_id = {str(r): int(p) for r, p in zip(roster["roster_id"], roster["participant_id"]) if str(r)}
        self.by_email = {norm_email(e): int(p) for e, p in zip(roster["email"], roster["participant_id"]) if str(e)}
        locals_: dict[str, set[int]] = {}
        for e, p in self.by_email.items():
            if "@" in e:
                locals_.setdefault(email_local(e), set()).add(p)
        self.by_local = {k: next(iter(v)) for k, v in locals_.items() if len(v) == 1 and len(k) >= 3}
        names: dict[str, list[int]] = {}
        for n, p in zip(roster["name"], roster["participant_id"]):
            for form in name_forms(n):
                if int(p) not in names.setdefault(form, []):
                    names[form].append(int(p))
        self.by_name = names

    def find(self, roster_id: str = "", email: str = "", name: str = "",
             among: set[int] | None = None) -> tuple[int | None, str]:
        """(participant_id, how) or (None, why not). `among` narrows name matches (e.g. a group's members)."""
        if roster_id and str(roster_id) in self.by_id:
            return self.by_id[str(roster_id)], "roster id"
        if email and norm_email(email) in self.by_email:
            return self.by_email[norm_email(email)], "e-mail"
        if email and "@" in str(email) and email_local(email) in self.by_local:
            return self.by_local[email_local(email)], "e-mail at another domain"
        if name:
            for form in name_forms(name):
                hits = self.by_name.get(form, [])
                if among is not None:
                    hits = [h for h in hits if h in among]
                if len(hits) == 1:
                    return hits[0], "name"
                if len(hits) > 1:
                    return None, f"{len(hits)} people on the roster are called {name!r}"
        return None, "not on the roster"
