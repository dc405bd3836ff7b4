"""What is wrong with an input, in plain words, with where (file, row, column) and a stable code.

The code names the kind of problem ('date-ambiguous', 'missing-column' ...) for scripts, tests and help
pages, independent of the wording; CODES lists every kind once, with the words that mark its messages (a
caller may also pass code= itself). frictionless-py's error codes are the model.
"""
from __future__ import annotations

import re
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


# (code, pattern of its messages), most specific first; 'other' is a message no pattern knows (a test keeps
# every message the corpora produce out of it).
CODES: tuple[tuple[str, str], ...] = (
    ("workbook-too-big", r"unpacks to|rows \(empty rows count\)"),
    ("file-too-large", r"over the limit of [\d,.]+ MB"),
    ("too-many-columns", r"more than [\d,]+ columns"),
    ("cell-too-long", r"a cell of [\d,]+ characters"),
    ("not-a-table", r"not a table|binary|NUL bytes|not a spreadsheet|old Excel|not a valid \.xlsx|could not be "
                    r"(?:opened|read) as|is not an Excel or CSV|not UTF-8 text"),
    ("file-empty", r"is empty\b(?!:)|no rows below the header|no responses below the header|none of its sheets"),
    ("already-imported", r"was imported before"),
    ("skipped-response", r"^skipped: the response|answer none of the mapped questions"),
    ("legacy-export", r"legacy .* export|read without its data dictionary"),
    ("nothing-changed", r"nothing changed"),
    ("duplicate-column", r"appears more than once"),
    ("missing-column", r"column .* is missing|which this file does not have|no header in row|needs the columns|"
                       r"no Teams attendance table|should hold|does not look like a Qualtrics|"
                       r"a column '.*' or '.*' is needed"),
    ("ragged-row", r"this row has \d+ values?"),
    ("report-cut-short", r"cut short"),
    ("date-ambiguous", r"and no date in the file says which|read two ways"),
    ("date-mixed", r"both day first and month first|has the (?:day|month) first, unlike"),
    ("date-contradicts-session", r"session chosen is on|neither day first nor month first"),
    ("date-style", r"written differently from most dates"),
    ("not-a-date", r"is not a date|ends \(.*\) before it starts|needs a start date|every row needs a date|"
                   r"end date .* is before start date"),
    ("number-ambiguous", r"thousands separator"),
    ("value-out-of-range", r"more than a day|from 1 to 10|out of (?:the )?(?:scale|range)|outside"),
    ("not-a-number", r"not a (?:whole )?number|must be a whole number|cannot be negative|not a duration|"
                     r"minutes unknown"),
    ("not-an-email", r"does not look like an e-mail"),
    ("unknown-value", r"is not recognised|not Joined, Left|is not one of|not a time of day|is not among the choices"),
    ("assumed-value", r"assumed"),
    ("unknown-program", r"unknown program|no program|not a program|program .* is refused"),
    ("unknown-cohort", r"is not a graduation year or cohort|is not a cohort of|no cohort called"),
    ("unknown-group", r"is not a group of"),
    ("new-dimension", r"^new (?:program|cohort|group)|creates the new|would be created|--create-new"),
    ("roster-mismatch", r"match the roster"),
    ("not-on-roster", r"not on the roster|not a member of this group|people on the roster are called"),
    ("session-not-found", r"no session is on|no such session|sessions are on the day|no dates to find its session"
                          r"|say which with --session|--session|has no session on|no date or session number"),
    ("duplicate-row", r"repeats row|listed twice|appears under two names|appears twice: rows|mapped twice"),
    ("empty-value", r"is empty: every row|needs an e-mail or a roster id|no name given|needs at least"),
    ("overlapping-memberships", r"overlap"),
    ("members-absent", r"recorded absent"),
    ("mapping", r"mapping|\[translate|\[programs|\[\[instrument|\[\[question|\[columns\]|\[values"),
    ("class-year", r"class year"),
    ("wave", r"wave"),
    ("eligible", r"eligible"),
)
_CODE_PATTERNS = tuple((code, re.compile(pattern, re.IGNORECASE)) for code, pattern in CODES)


def code_of(message: str) -> str:
    """The stable code of a message ('other' when no pattern knows it)."""
    return next((code for code, pattern in _CODE_PATTERNS if pattern.search(message)), "other")


@dataclass(frozen=True)
class Problem:
    """One problem. row is the row number a person sees in a spreadsheet (the header is row 1); code is the
    kind of problem (CODES), stable across wordings."""

    file: str
    row: int | None
    column: str | None
    message: str
    severity: Severity = "error"
    code: str = ""

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

    def error(self, file: str, row: int | None, column: str | None, message: str, code: str | None = None) -> None:
        self._add(Problem(file, row, column, message, "error", code or code_of(message)))

    def warning(self, file: str, row: int | None, column: str | None, message: str,
                code: str | None = None) -> None:
        self._add(Problem(file, row, column, message, "warning", code or code_of(message)))

    def _add(self, problem: Problem) -> None:
        problem = Problem(shorten(problem.file, 120), problem.row,
                          None if problem.column is None else shorten(problem.column, 120),
                          shorten(problem.message), problem.severity, problem.code)
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
            out.append(("error: " if p.severity == "error" else "warning: ") + str(p) + f" [{p.code}]")
        for (file, column, message), n in self._counts.items():
            if n > MAX_PER_KIND:
                col = f", column {column!r}" if column else ""
                out.append(f"... and {n - MAX_PER_KIND} more rows of {file}{col}: {message}")
        return out


def records(df):
    """Rows as named tuples, with `_file` and `_row` readable as `.file_` and `.row_` (itertuples hides names
    that begin with an underscore)."""
    return df.rename(columns={"_file": "file_", "_row": "row_"}).itertuples()
