"""What is wrong with an input, in plain words, with where: file, row, column."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
MAX_PER_KIND = 20  # a file with 10,000 bad dates reports the first 20 and a count, not 10,000 lines
MAX_TEXT = 300  # characters of a message, a file or a column name: a 10 MB cell quoted back is cut, not sent


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """text, cut to `limit` characters with an ellipsis and the length it had."""
    text = str(text)
    if len(text) <= limit:
        return text
    return text[: limit - 40] + f"… ({len(text):,} characters in all)"


@dataclass(frozen=True)
class Problem:
    """One problem. row is the row number a person sees in a spreadsheet (the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


@dataclass
class Report:
    """Every problem found in one import; errors block it, warnings do not."""

    problems: list[Problem] = field(default_factory=list)
    _counts: dict[tuple[str, str | None, str], int] = field(default_factory=dict)

    def error(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self._add(Problem(file, row, column, message, "error"))

    def warning(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self._add(Problem(file, row, column, message, "warning"))

    def _add(self, problem: Problem) -> None:
        problem = Problem(shorten(problem.file, 120), problem.row,
                          None if problem.column is None else shorten(problem.column, 120),
                          shorten(problem.message), problem.severity)
        key = (problem.file, problem.column, problem.message)
        self._counts[key] = self._counts.get(key, 0) + 1
        if self._counts[key] <= MAX_PER_KIND:
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        """Every problem as a line, errors first, with a count where more of the same were cut."""
        out = []
        for p in self.errors + self.warnings:
            out.append(("error: " if p.severity == "error" else "warning: ") + str(p))
        for (file, column, message), n in self._counts.items():
            if n > MAX_PER_KIND:
                col = f", column {column!r}" if column else ""
                out.append(f"... and {n - MAX_PER_KIND} more rows of {file}{col}: {message}")
        return out


def records(df):
    """Rows as named tuples, with `_file` and `_row` readable as `.file_` and `.row_` (itertuples hides names
    that begin with an underscore)."""
    return df.rename(columns={"_file": "file_", "_row": "row_"}).itertuples()
