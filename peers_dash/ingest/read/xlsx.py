"""Excel workbooks (.xlsx) as rows of text cells: each sheet that has data, with a formula that has no value
kept as written, and a workbook that would unpack to too much refused before it is opened."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from peers_dash.ingest.read.table import ReadError

MAX_UNPACKED_BYTES = 400_000_000  # an .xlsx unpacks to at most this (a zip bomb is refused before opening)
MAX_XLSX_ROWS = 500_000           # rows in a sheet (empty ones count: each costs openpyxl time); CSV has no limit


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


def xlsx_sheets(data: bytes, name: str, first_only: bool) -> list[tuple[str, list[list[str]]]]:
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


def xlsx_rows(data: bytes, name: str) -> tuple[list[list[str]], str | None]:
    """(rows, title) of the first sheet that has data."""
    title, rows = xlsx_sheets(data, name, first_only=True)[0]
    return rows, title
