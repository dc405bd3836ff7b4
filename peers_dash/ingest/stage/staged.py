"""What an import will do, worked out before anything is written (the preview), and how to write it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import duckdb
import pandas as pd

from peers_dash.sql import run_script


@dataclass
class Staged:
    """The rows an import adds and replaces, in words for the preview, and the function that writes them
    on the writer's private copy."""

    kind: str
    target: str                                   # what it replaces: "attendance of 3 sessions", a wave
    added: int = 0
    replaced: int = 0
    rejected: int = 0
    summary: list[str] = field(default_factory=list)
    write: Callable[[duckdb.DuckDBPyConnection], None] | None = None
    roster: pd.DataFrame | None = None            # the roster file to save, when it changes
    created: list[str] = field(default_factory=list)  # programs and cohorts the import creates, in words
    sessions: list[int] | None = None             # attendance: the sessions whose attendance alone it replaces

    def lines(self) -> list[str]:
        head = f"{self.kind}: {self.added:,} rows to add, {self.replaced:,} to replace"
        if self.rejected:
            head += f", {self.rejected:,} rejected"
        return [head, *self.summary]


def run(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> None:
    """Execute a statement to the end: DuckDB 2.0 refuses register() and other calls on a connection with
    an unfetched result, and an INSERT or DELETE returns one (its row count)."""
    con.execute(sql, params).fetchall()


def insert_new(w: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Write the new programs, cohorts or groups (`table`) an import creates, if there are any."""
    if len(frame):
        w.register("new_rows", frame)
        run_script(w, "ingest/new_rows", table=table, cols=_NEW_COLUMNS[table])
        w.unregister("new_rows")


_NEW_COLUMNS = {  # code constants: what each table's new rows hold
    "programs": "program_id, institution_id, name, kind, years, first_class_year, joined_year",
    "cohorts": "cohort_id, program_id, name, entry_year, grad_year",
    "groups": "group_id, cohort_id, name",
}
