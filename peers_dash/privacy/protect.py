"""Protect first, then aggregate: the writer's step that decides which cells may be published.

After every write the base data is cut into cells at the finest grain any figure uses (a group's session,
a group's people in a year, one question's answers in one wave per cohort, class year and attendance band,
a cohort's response count, a program's comments in one wave). A cell is published only when it holds at
least N distinct people; small survey cells are combined with their neighbours (once, for good); a cell
that changes by fewer than N people keeps showing what it showed. The dashboard reads only the published
tables (pub_*), and every figure it shows is a sum over published cells, so the difference of any two
figures (two filters, two pages, two data versions) is itself a sum of published cells. docs/PRIVACY.md
gives the argument.
"""
from __future__ import annotations

import duckdb

from peers_dash.sql import run_script

# Small attendance bands may be set apart from their class (published with other small cells) while they hold
# at most this share of the class's respondents; above it the whole class is published without its bands, so
# that no class figure leans on its large bands alone.
APART_SHARE = 0.05
# The survey families with combined cells: (name, its measure column, the table its finest cells come from and
# the column of their tokens, the table it publishes to).
_SURVEY = (("answer", "item_id", "item_answers", "value", "pub_answers"),
           ("score", "instrument_id", "complete_scores", "score", "pub_scores"))


def protect(con: duckdb.DuckDBPyConnection, *, min_n: int, min_comment_n: int, rev: int,
            everything: bool = True) -> None:
    """Decide and write the published cells of every family. everything=False: only the attendance of the
    sessions in the temp table scope_sessions changed since the last write (their cells and group-years, in
    scope_sessions and scope_group_years, are decided again: sql/rollups/scope.sql), and no survey data."""
    _attendance(con, min_n, rev, everything)
    run_script(con, "protect/consortium_attendance")
    if everything:
        _survey(con, min_n, min_comment_n, rev)
        run_script(con, "protect/consortium_survey")
        for source, table, measure, value in (("pub_answers", "cons_answers", "item_id", "value"),
                                              ("pub_scores", "cons_scores", "instrument_id", "score")):
            run_script(con, "protect/consortium_answers", source=source, table=table, measure=measure, value=value)
    run_script(con, "protect/left_out")
    run_script(con, "protect/cleanup")


def _attendance(con: duckdb.DuckDBPyConnection, min_n: int, rev: int, everything: bool) -> None:
    if everything:
        run_script(con, "protect/scope")
    params = {"min_n": min_n, "rev": rev}
    for family in ("session", "group_year"):
        run_script(con, f"protect/{family}_candidates", params)
        run_script(con, "protect/version", {**params, "family": family})
        run_script(con, f"protect/{family}_publish")
    run_script(con, "protect/viewer")


def _survey(con: duckdb.DuckDBPyConnection, min_n: int, min_comment_n: int, rev: int) -> None:
    params = {"min_n": min_n, "rev": rev}
    run_script(con, "protect/survey_sources")
    for family, measure, source, token, table in _SURVEY:
        run_script(con, "protect/survey_atoms", measure=measure, source=source, token=token)
        run_script(con, "protect/assign", {**params, "family": family, "apart_share": APART_SHARE})
        run_script(con, "protect/answer_candidates", {**params, "family": family}, measure=measure)
        run_script(con, "protect/version", {**params, "family": family})
        run_script(con, "protect/answer_publish", {"family": family}, table=table, measure=measure)
    run_script(con, "protect/response_atoms")
    run_script(con, "protect/assign", {**params, "family": "response", "apart_share": 1.0})
    run_script(con, "protect/response_candidates", params)
    run_script(con, "protect/version", {**params, "family": "response"})
    run_script(con, "protect/response_publish")
    run_script(con, "protect/measure_list")
    run_script(con, "protect/comment_candidates", {"min_comment_n": min_comment_n})
    run_script(con, "protect/version", {"min_n": min_comment_n, "rev": rev, "family": "comment"})
    run_script(con, "protect/comment_publish")
