"""The dashboard's pages, listed once and in the sidebar's order: the navigation (ui/shell.py), the tests and
the benchmarks take them from here. Plain Python: no streamlit."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class SitePage:
    """One page: the script Streamlit runs, its name in the sidebar (the title its script gives start()), its
    icon and the role it needs (access.ROLES)."""

    script: str  # from the repository root, as st.page_link and AppTest take it
    label: str
    icon: str
    role: str

    @property
    def url(self) -> str:
        """The page's address under the app's: "/" for app.py, else "/" and the script's name (Streamlit's rule
        for a script in pages/)."""
        return "/" if self.script == "app.py" else "/" + PurePosixPath(self.script).stem


PAGES: tuple[SitePage, ...] = (
    SitePage("app.py", "Overview", ":material/home:", "viewer"),
    SitePage("pages/participation.py", "Participation", ":material/groups:", "viewer"),
    SitePage("pages/support.py", "Perceived support", ":material/volunteer_activism:", "viewer"),
    SitePage("pages/trends.py", "Well-being trends", ":material/trending_up:", "viewer"),
    SitePage("pages/programs.py", "Programs", ":material/account_tree:", "viewer"),
    SitePage("pages/groups.py", "Groups", ":material/grid_view:", "analyst"),
    SitePage("pages/extracts.py", "Extracts", ":material/download:", "viewer"),
    SitePage("pages/methods.py", "Methods", ":material/menu_book:", "viewer"),
    SitePage("pages/import.py", "Import", ":material/upload_file:", "admin"),
)
# The pages that show data (every one but Import, the admin's page that writes it).
READING_PAGES: tuple[SitePage, ...] = tuple(p for p in PAGES if p.role != "admin")
