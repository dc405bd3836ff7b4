"""Who may see what: roles, and how a person gets one.

- viewer: the dashboards and extracts (published cells only);
- analyst: also group-level attendance (the Groups page and the group filter);
- admin: also imports, undo and the settings.

With a login (Streamlit's st.login, or a single sign-on proxy's trusted headers) a person's role comes
from the `[peers.roles]` table of .streamlit/secrets.toml. With no login configured, the app is in open
mode: admin when the server listens only on this computer (a person on their own machine), viewer on any
other address.
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

    def allows(self, needed: str) -> bool:
        return self.role in ROLES and ROLES.index(self.role) >= ROLES.index(needed)


def role_for(email: str, groups: Iterable[str], rules: Mapping[str, object]) -> str:
    """The highest role whose list names the person: an e-mail, '@domain' or 'group:NAME'; else
    rules['default'] (viewer unless set; 'none' refuses everyone not listed)."""
    email = (email or "").strip().lower()
    groups = {str(g).strip().lower() for g in groups}
    for role in reversed(ROLES):
        for entry in rules.get(role, []) or []:
            entry = str(entry).strip().lower()
            if entry.startswith("group:") and entry[6:] in groups:
                return role
            if entry.startswith("@") and email.endswith(entry):
                return role
            if entry == email and email:
                return role
    default = str(rules.get("default", "viewer")).strip().lower()
    return default if default in (*ROLES, "none") else "viewer"


def open_mode(address: str | None) -> Access:
    """No login configured: admin on this computer only, viewer when others can reach the server."""
    if (address or "").strip().lower() in LOCAL_ADDRESSES:
        return Access("admin", "this computer", "open mode: the server listens only on this computer")
    return Access("viewer", "anyone who can reach this server",
                  "open mode on a network address: configure a login to give people roles")
