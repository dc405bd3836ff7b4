"""Who may see what: roles, and how a person gets one.

- viewer: the dashboards and extracts (published cells only);
- analyst: also group-level attendance (the Groups page and the group filter);
- admin: also imports, undo and the settings.

With a login (Streamlit's st.login, or a single sign-on proxy's trusted headers) a person's role comes
from the `[peers.roles]` table of .streamlit/secrets.toml. With no login configured, the app is in open
mode: admin when the server listens only on this computer (a person on their own machine), viewer on any
other address.

A consortium limits people to their own institutions with `[peers.institutions]`: each institution's name
lists who may see it (the same entries as roles), "*" lists the consortium's leads, who see every one. When
the table is there, a person it does not name sees nothing. A person limited to some institutions sees only
their data, with the consortium's figure beside it; importing (which changes every institution's data) needs
an administrator of the whole consortium.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

ROLES = ("viewer", "analyst", "admin")
LOCAL_ADDRESSES = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Access:
    """A person's role, who they are, and how the app knows."""

    role: str           # viewer / analyst / admin, or 'none' (logged in but not let in)
    who: str
    how: str
    institutions: tuple[str, ...] | None = None  # names of the institutions they may see; None: every one

    def allows(self, needed: str) -> bool:
        """The role reaches `needed`. Administration changes every institution's data: a person limited to
        some institutions is never an administrator, whatever their role says."""
        if needed == "admin" and self.institutions is not None:
            return False
        return self.role in ROLES and ROLES.index(self.role) >= ROLES.index(needed)

    @property
    def limited(self) -> bool:
        return self.institutions is not None


def _names(entry: object, email: str, groups: set[str]) -> bool:
    """An entry of a list in the secrets names this person: their e-mail, '@their.domain' or 'group:NAME'."""
    entry = str(entry).strip().lower()
    if entry.startswith("group:"):
        return entry[6:] in groups
    if entry.startswith("@"):
        return email.endswith(entry)
    return bool(email) and entry == email


def role_for(email: str, groups: Iterable[str], rules: Mapping[str, object]) -> str:
    """The highest role whose list names the person: an e-mail, '@domain' or 'group:NAME'; else
    rules['default'] (viewer unless set; 'none' refuses everyone not listed)."""
    email = (email or "").strip().lower()
    groups = {str(g).strip().lower() for g in groups}
    for role in reversed(ROLES):
        if any(_names(entry, email, groups) for entry in _entries(rules.get(role))):
            return role
    default = str(rules.get("default", "viewer")).strip().lower()
    return default if default in (*ROLES, "none") else "viewer"


def open_mode(address: str | None) -> Access:
    """No login configured: admin on this computer only, viewer when others can reach the server."""
    if (address or "").strip().lower() in LOCAL_ADDRESSES:
        return Access("admin", "this computer", "open mode: the server listens only on this computer")
    return Access("viewer", "anyone who can reach this server",
                  "open mode on a network address: configure a login to give people roles")


def institutions_for(email: str, groups: Iterable[str], table: Mapping[str, object] | None) -> tuple[str, ...] | None:
    """The institutions (by name) a person may see under `[peers.institutions]`: None for every institution
    (no such table, or a "*" entry names them), an empty tuple for none (the table does not name them)."""
    if table is None:
        return None
    email = (email or "").strip().lower()
    groups = {str(g).strip().lower() for g in groups}
    named = [str(name).strip() for name, entries in table.items()
             if any(_names(entry, email, groups) for entry in _entries(entries))]
    return None if "*" in named else tuple(sorted(named))


def _entries(value: object) -> list[object]:
    """A list from the secrets; a lone string is one entry (a common slip: admin = "x@y.edu")."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]
