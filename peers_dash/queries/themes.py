"""Comment themes, found on this server: a comment belongs to a theme when it uses one of the theme's words
(English, case and accents ignored, word beginnings: 'schedul' finds 'schedule' and 'scheduling'). No text
leaves the server and nothing is learned from the comments, so a theme means the same in every survey and
the Methods page can list its words. A comment may belong to several themes, or to none.

Counts are added up from the published comments only (each distinct comment with how many wrote it), so a
theme's count is never finer than the comments the page already shows."""
from __future__ import annotations

import re
import unicodedata

import duckdb
import pandas as pd

from peers_dash.model.filters import CohortFilter

NO_THEME = "No theme found"

THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Time and scheduling", ("time", "schedul", "early", "late", "morning", "evening", "after call", "post call",
                             "clerkship", "rotation", "clinic", "conflict", "busy", "pulled", "exam", "lunch hour")),
    ("How often groups meet", ("more often", "less often", "frequen", "too many", "too few", "meet more",
                               "meet less", "monthly", "weekly")),
    ("Facilitators", ("facilitat", "leader", "mentor", "moderat")),
    ("Safety and trust", ("safe", "trust", "honest", "confidential", "judg", "vulnerab", "open up")),
    ("The group and peers", ("group", "peer", "classmate", "constant", "connect", "communit", "belong", "friend",
                             "together", "lonely", "alone")),
    ("Virtual or in person", ("virtual", "zoom", "online", "teams", "in person", "in-person", "remote", "camera")),
    ("Session content", ("topic", "content", "mindful", "slide", "discussion", "material", "exercise",
                         "activity", "curriculum", "skill")),
    ("Food", ("snack", "food", "pizza", "coffee", "lunch", "dinner")),
    ("Helpful, grateful", ("helped", "helpful", "useful", "thank", "grateful", "glad", "loved", "appreciat",
                           "valuable", "enjoy")),
    ("Doubts about PEERS", ("not sure", "waste", "pointless", "mandatory", "forced", "boring", "useless",
                            "not helpful", "unhelpful", "skip")),
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


_PATTERNS = tuple((name, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")"))
                  for name, words in THEMES)


def themes_of(comment: str) -> list[str]:
    """The themes a comment belongs to, in THEMES order ([NO_THEME] when none)."""
    text = _fold(comment)
    found = [name for name, pattern in _PATTERNS if pattern.search(text)]
    return found or [NO_THEME]


def with_themes(comments: pd.DataFrame) -> pd.DataFrame:
    """The comments (columns comment, n) with a 'themes' column: the list of each one's themes."""
    return comments.assign(themes=[themes_of(c) for c in comments["comment"]])


def themed(con: duckdb.DuckDBPyConnection, filt: CohortFilter) -> pd.DataFrame:
    """The published comments of a view (queries.comments) with their themes: what the page caches."""
    from peers_dash.queries import comments

    return with_themes(comments(con, filt))


def tally(comments: pd.DataFrame) -> pd.DataFrame:
    """Per theme: distinct comments and how many people wrote them (the sum of n), most written first,
    'No theme found' last. `comments` as with_themes returns."""
    rows = comments[["themes", "n"]].explode("themes")
    out = (rows.groupby("themes").agg(n_comments=("n", "size"), n_people=("n", "sum")).reset_index()
           .rename(columns={"themes": "theme"}))
    out["last"] = out["theme"] == NO_THEME
    out = out.sort_values(["last", "n_people", "theme"], ascending=[True, False, True], kind="stable")
    return out.drop(columns="last").reset_index(drop=True)


def narrow(comments: pd.DataFrame, theme: str | None = None, search: str = "") -> pd.DataFrame:
    """The comments of one theme (None: every one) that contain `search` (case and accents ignored)."""
    keep = pd.Series(True, index=comments.index)
    if theme:
        keep &= comments["themes"].map(lambda ts: theme in ts)
    if search.strip():
        needle = _fold(search.strip())
        keep &= comments["comment"].map(lambda c: needle in _fold(c))
    return comments[keep]
