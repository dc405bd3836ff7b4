"""Read real files into a Table of text cells: CSV in any common encoding and delimiter, and .xlsx.

Every cell stays text here: decimal commas, dates and formulas-looking cells ('=HYPERLINK(...)') are
kept as written; the format parsers convert with to_number / parse_date. A file that is not a table
is refused with a ReadError whose message names the file and says what to do.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

import pandas as pd

from peers_dash import PeersError

MAX_BYTES = 50 * 1024 * 1024
# Limits that keep a hostile or broken file to a one-line refusal in under a second and bounded memory.
MAX_COLUMNS = 5_000               # the widest real survey export seen had about 900
MAX_CELL_CHARS = 32_767           # Excel's own limit for one cell
MAX_UNPACKED_BYTES = 400_000_000  # an .xlsx unpacks to at most this (a zip bomb is refused before opening)
MAX_XLSX_ROWS = 500_000           # rows in a sheet (empty ones count: each costs openpyxl time); CSV has no limit
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
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
MAX_MINUTES = 24 * 60  # a session, or a person's time in one, is shorter than a day
GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")  # '1,000' or '1.000': thousands or a decimal? refused
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")
_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)  # Excel's "sep=;" first line


class ReadError(PeersError):
    """A file that cannot be read as a table; the message names the file and says why."""


@dataclass
class Table:
    """A file's rows as text. rows has one str column per header name plus `_row`, the row number a
    person sees in a spreadsheet (header = 1)."""

    name: str
    columns: list[str]
    rows: pd.DataFrame
    sheet: str | None = None
    # Header names made unique: new name -> the name as written ('Email_2' -> 'Email').
    renamed: dict[str, str] = field(default_factory=dict)
    # Rows whose number of values does not fit the header: row number -> number of values.
    ragged: dict[int, int] = field(default_factory=dict)
    # The CSV delimiter found (None for .xlsx).
    delimiter: str | None = None
    # The day/month order of slashed dates when the person importing said it ('dmy' or 'mdy'); None: decided
    # from the file's own values, or refused as ambiguous.
    date_order: str | None = None

    def original(self, column: str) -> str:
        """The header as written in the file for one of columns."""
        return self.renamed.get(column, column)


def to_number(text: object) -> float | None:
    """The number in text ('3', '3.5', '3,5', ' 4 '), or None ('3,5,6', 'abc', '')."""
    s = str(text if text is not None else "").strip().replace("\u00a0", "")
    if not _NUMBER.match(s):
        return None
    return float(s.replace(",", "."))


def delimiter_name(delimiter: str | None) -> str:
    """'commas', 'semicolons', 'tabs' ... for a message."""
    return _DELIMITER_NAMES.get(delimiter or "", repr(delimiter))


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


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d" if value.time() == dt.time() else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return any(
            re.search(rb"<(?:\w+:)?f[ >/]", z.read(n))
            for n in z.namelist()
            if n.startswith("xl/worksheets/") and n.endswith(".xml")
        )


def _check_xlsx_size(z: zipfile.ZipFile, name: str) -> None:
    """Refuse a workbook that unpacks to more than MAX_UNPACKED_BYTES, or a sheet of more than MAX_XLSX_ROWS
    rows, before openpyxl sees it: sizes come from the zip directory, rows from a streamed count."""
    unpacked = sum(info.file_size for info in z.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReadError(f"{name} unpacks to {unpacked / 1e6:,.0f} MB, over the limit of "
                        f"{MAX_UNPACKED_BYTES / 1e6:,.0f} MB: save the data as CSV, or split it into smaller files.")
    for info in z.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        rows, tail = 0, b""
        with z.open(info) as fh:
            while chunk := fh.read(1 << 20):
                rows += (tail + chunk).count(b"<row") - tail.count(b"<row")
                tail = chunk[-8:]
                if rows > MAX_XLSX_ROWS:
                    raise ReadError(f"{name} has a sheet of more than {MAX_XLSX_ROWS:,} rows (empty rows count): "
                                    "delete the empty rows below the data, or save it as CSV.")


def _xlsx_sheets(data: bytes, name: str, first_only: bool) -> list[tuple[str, list[list[str]]]]:
    """(title, rows) of each sheet that has data (only the first with first_only)."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" in names:
                _check_xlsx_size(z, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as e:
        raise ReadError(f"{name} is not a valid .xlsx file: save it again from Excel as .xlsx or CSV.") from e
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else "a zip archive"
        raise ReadError(f"{name} is {what}, not a spreadsheet: export the data as CSV or .xlsx.")
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = (openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
                    if _has_formulas(data) else None)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise ReadError(f"{name} could not be opened as an Excel workbook ({e}).") from e
    found = []
    try:
        for i, ws in enumerate(values.worksheets):
            ws.reset_dimensions()
            value_rows = ws.iter_rows(values_only=True)
            if formulas is not None:
                fws = formulas.worksheets[i]
                fws.reset_dimensions()
                formula_rows = fws.iter_rows(values_only=True)
            else:
                formula_rows = iter(())
            rows = []
            for row in value_rows:
                frow = next(formula_rows, ())
                # A formula without a cached value (a file never opened in Excel) keeps its text.
                cells = [_cell_text(v if v is not None or j >= len(frow) else frow[j]) for j, v in enumerate(row)]
                while cells and not cells[-1].strip():
                    cells.pop()
                rows.append(cells if any(c.strip() for c in cells) else [])
            if any(rows):
                found.append((ws.title, rows))
                if first_only:
                    break
    finally:
        values.close()
        if formulas is not None:
            formulas.close()
    if not found:
        raise ReadError(f"{name} is empty: none of its sheets has any data.")
    return found


def _xlsx_rows(data: bytes, name: str) -> tuple[list[list[str]], str | None]:
    title, rows = _xlsx_sheets(data, name, first_only=True)[0]
    return rows, title


def read_sheets(data: bytes, name: str, *, max_bytes: int = MAX_BYTES) -> list[tuple[str, list[list[str]]]]:
    """(title, rows) of every sheet of an .xlsx that has data, each checked as read_raw checks a file."""
    _check_bytes(data, name, max_bytes)
    sheets = _xlsx_sheets(data, name, first_only=False)
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
        rows, sheet = _xlsx_rows(data, name)
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


# --- rows -> Table --------------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """'A', 'B', ... 'AA' for a 0-based column index, as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def clean_header(text: str) -> str:
    """A header name without byte-order marks and surrounding whitespace."""
    return str(text).replace("\ufeff", "").replace("\u200b", "").strip()


def _unique(names: list[str]) -> tuple[list[str], dict[str, str]]:
    seen = {n.casefold() for n in names}
    used: set[str] = set()
    out, renamed = [], {}
    for n in names:
        if n.casefold() not in used:
            used.add(n.casefold())
            out.append(n)
            continue
        k = 2
        while f"{n}_{k}".casefold() in seen | used:
            k += 1
        new = f"{n}_{k}"
        used.add(new.casefold())
        out.append(new)
        renamed[new] = n
    return out, renamed


def table_from_rows(rows: list[list[str]], name: str, header_row: int = 1, *, last_row: int | None = None,
                    sheet: str | None = None, delimiter: str | None = None) -> Table:
    """A Table from read_raw's rows: header at row header_row, data up to last_row (1-based, inclusive).

    Blank rows are skipped (the others keep their real row numbers); columns without a header name
    are dropped when empty and else named after their letter ('Column F'); duplicate names get a
    suffix ('Email_2', see Table.renamed)."""
    if header_row < 1 or header_row > len(rows) or not rows[header_row - 1]:
        if not any(rows):
            raise ReadError(f"{name} is empty.")
        raise ReadError(f"{name} has no header in row {header_row}: the first row should name the columns.")
    header = [clean_header(h) for h in rows[header_row - 1]]
    end = len(rows) if last_row is None else min(last_row, len(rows))
    body = [(i + 1, r) for i, r in enumerate(rows[header_row:end], start=header_row) if r]
    width = max([len(header)] + [len(r) for _, r in body])
    header += [""] * (width - len(header))
    keep = [j for j in range(width) if header[j] or any(j < len(r) and r[j].strip() for _, r in body)]
    names = [header[j] or f"Column {column_letter(j)}" for j in keep]
    names, renamed = _unique(names)
    ragged: dict[int, int] = {}
    n_header = max([j + 1 for j, h in enumerate(header) if h], default=0)
    others = [d for d in DELIMITERS if d != delimiter] if delimiter else []
    for number, r in body:
        filled = len(r)
        while filled and not r[filled - 1].strip():
            filled -= 1
        if filled > n_header or (filled < n_header and any(d in c for c in r for d in others)):
            ragged[number] = filled
    columns = {n: [r[j] if j < len(r) else "" for _, r in body] for n, j in zip(names, keep)}
    columns["_row"] = [number for number, _ in body]
    frame = pd.DataFrame(columns, columns=names + ["_row"])
    frame["_row"] = frame["_row"].astype("int64")
    for n in names:
        frame[n] = frame[n].astype(object)
    return Table(name=name, columns=names, rows=frame, sheet=sheet, renamed=renamed, ragged=ragged,
                 delimiter=delimiter)
