"""Read real files into rows of text cells and a Table: CSV in any common encoding and delimiter, and .xlsx
(read.xlsx). A file that is not a table, or is too big, too wide or binary, is refused with a ReadError whose
message names the file and says what to do.
"""
from __future__ import annotations

import codecs
import csv
import io
import re

from peers_dash.ingest.read.table import DELIMITERS, ReadError, Table, column_letter, table_from_rows
from peers_dash.ingest.read.xlsx import xlsx_rows, xlsx_sheets

MAX_BYTES = 50 * 1024 * 1024
# Limits that keep a hostile or broken file to a one-line refusal in under a second and bounded memory.
MAX_COLUMNS = 5_000               # the widest real survey export seen had about 900
MAX_CELL_CHARS = 32_767           # Excel's own limit for one cell
_SNIFF_CHARS = 65536
_SNIFF_LINES = 20
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files (.xls, .doc)
_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)  # Excel's "sep=;" first line


# --- bytes -> text ------------------------------------------------------------------------------


def _check_bytes(data: bytes, name: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise ReadError(
            f"{name} is {len(data) / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.0f} MB: "
            "split it into smaller files."
        )
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8 + codecs.BOM_UTF16_LE + codecs.BOM_UTF16_BE):
        raise ReadError(f"{name} is empty.")
    lower = name.lower()
    if data.startswith(_OLE) or (lower.endswith(".xls") and not data.startswith(b"PK")):
        raise ReadError(
            f"{name} is an old Excel file (.xls) that cannot be read: open it in Excel and save it "
            "as .xlsx or CSV."
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"{name} is {what}, not a table: export the data as CSV or .xlsx.")
    if lower.endswith((".ods", ".numbers")):
        raise ReadError(f"{name} is not an Excel or CSV file: save it as .xlsx or CSV.")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.4 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.4 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 (with BOM, or detected), else
    Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    elif encoding := _utf16_without_bom(data):
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1")


def _check_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise ReadError(f"{name} contains NUL bytes: it looks like a binary file, not a table. "
                        "Export the data as CSV or .xlsx.")
    sample = text[:_SNIFF_CHARS]
    control = sum(1 for c in sample if c < " " and c not in "\t\r\n\f")
    if control > max(3, len(sample) // 100):
        raise ReadError(f"{name} does not look like a table (it holds binary data): "
                        "export the data as CSV or .xlsx.")


# --- text -> rows ---------------------------------------------------------------------------------


def _logical_lines(text: str, limit: int) -> list[str]:
    """The first non-blank lines, a quoted line break staying inside its line."""
    lines, current, quoted = [], [], False
    for c in text[:_SNIFF_CHARS]:
        if c == '"':
            quoted = not quoted
        if c in "\r\n" and not quoted:
            if "".join(current).strip():
                lines.append("".join(current))
                if len(lines) >= limit:
                    break
            current = []
        else:
            current.append(c)
    if "".join(current).strip() and len(lines) < limit:
        lines.append("".join(current))
    return lines


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == delimiter and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first line that has one (outside quotes); ties go to the one found on
    more of the first lines, then to the comma."""
    lines = _logical_lines(text, _SNIFF_LINES)
    for line in lines:
        counts = {d: _count_outside_quotes(line, d) for d in DELIMITERS}
        if max(counts.values()) == 0:
            continue
        spread = {d: sum(_count_outside_quotes(x, d) > 0 for x in lines) for d in DELIMITERS}
        return max(DELIMITERS, key=lambda d: (counts[d], spread[d], d == ","))
    return ","


def _csv_rows(data: bytes, name: str) -> tuple[list[list[str]], str]:
    text = decode(data, name)
    _check_text(text, name)
    delimiter = None
    if m := _SEP_LINE.match(text):
        delimiter, text = m.group(1), text[m.end():]
    delimiter = delimiter or sniff_delimiter(text)
    csv.field_size_limit(2**31 - 1)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as e:
        raise ReadError(f"{name} could not be read as CSV ({e}).") from e
    return [r if any(c.strip() for c in r) else [] for r in rows], delimiter


# --- a file -> checked rows and a Table ---------------------------------------------------------------


def read_sheets(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> list[tuple[str, list[list[str]]]]:
    """(title, rows) of every sheet of an .xlsx that has data, each checked as read_raw checks a file."""
    _check_bytes(data, name, max_bytes)
    sheets = xlsx_sheets(data, name, first_only=False)
    for _, rows in sheets:
        _check_shape(rows, name)
    return sheets


def _check_shape(rows: list[list[str]], name: str) -> None:
    """Refuse more than MAX_COLUMNS columns or a cell over MAX_CELL_CHARS characters, naming where."""
    width = max(map(len, rows), default=0)
    if width > MAX_COLUMNS:
        raise ReadError(f"{name} has more than {MAX_COLUMNS:,} columns: is it the right file? "
                        "Keep only the columns the import needs.")
    longest = max((max(map(len, r), default=0) for r in rows), default=0)
    if longest > MAX_CELL_CHARS:
        for i, r in enumerate(rows, start=1):
            for j, cell in enumerate(r):
                if len(cell) > MAX_CELL_CHARS:
                    raise ReadError(f"{name}, row {i}, column {column_letter(j)}: a cell of {len(cell):,} "
                                    f"characters, over the limit of {MAX_CELL_CHARS:,}: is it the right file?")


def _read(data: bytes, name: str, max_bytes: int) -> tuple[list[list[str]], str | None, str | None]:
    """(rows, sheet, delimiter)."""
    _check_bytes(data, name, max_bytes)
    if data.startswith(b"PK") or name.lower().endswith((".xlsx", ".xlsm")):
        rows, sheet = xlsx_rows(data, name)
        _check_shape(rows, name)
        return rows, sheet, None
    rows, delimiter = _csv_rows(data, name)
    if not any(rows):
        raise ReadError(f"{name} is empty.")
    _check_shape(rows, name)
    return rows, None, delimiter


def read_raw(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> list[list[str]]:
    """Every row of the file (header rows included) as lists of text, blank rows kept as []."""
    return _read(data, name, max_bytes)[0]


def read_table(data: bytes, name: str, header_row: int = 1, *, max_bytes: int = MAX_BYTES) -> Table:
    """The file as a Table whose header is row `header_row` (1-based)."""
    rows, sheet, delimiter = _read(data, name, max_bytes)
    return table_from_rows(rows, name, header_row, sheet=sheet, delimiter=delimiter)
