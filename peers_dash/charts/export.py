"""CSV downloads that open safely and correctly in Excel, and file names that are safe everywhere."""
from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

# OWASP "CSV Injection": a cell starting with one of these may be run as a formula by a spreadsheet.
# Line feed and NUL are added because some readers trim or mis-handle them at the start of a cell.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")

MAX_STEM = 120
FALLBACK_STEM = "peers"
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
# Latin letters that Unicode decomposition leaves alone (casefold already turns ß into ss).
_TRANSLIT = str.maketrans(
    {"æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"}
)


def neutralise(value: Any) -> Any:
    """Prefix a string a spreadsheet would read as a formula with a single quote; leave the rest alone."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return False


def _format_float(value: float) -> str:
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _render(value: Any) -> str:
    """One cell as text: the rules are listed in to_csv_bytes."""
    if _is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating, decimal.Decimal)):
        return _format_float(float(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return neutralise(str(value))


def _header(name: Any) -> str:
    if isinstance(name, tuple):
        name = " / ".join(str(part) for part in name if not _is_missing(part) and str(part) != "")
    return neutralise(str(name))


def _quote(text: str) -> str:
    """RFC 4180 quoting: only when the field holds a comma, a double quote, CR or LF."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The frame as deterministic, spreadsheet-safe UTF-8 CSV bytes.

    Choices:
    - UTF-8 with a byte-order mark, so Excel shows accents right; comma separator; every line,
      the last included, ends with "\\n" (Excel, pandas and the csv module all read that).
    - No index: reset_index() first if the index carries meaning. Column names are written as text
      (a tuple from MultiIndex columns is joined with " / ") and neutralised like any string cell.
    - Missing values (None, NaN, NA, NaT) are empty cells; booleans are true/false; integers as is;
      floats rounded to 4 decimal places with trailing zeros and a trailing point dropped
      (0.30798 -> 0.308, 2.0 -> 2, -0.00001 -> 0), never in exponent form, infinities as inf/-inf.
    - Dates as ISO 8601 (timestamps "YYYY-MM-DD HH:MM:SS"); anything else via str().
    - Every text cell (and anything rendered through str()) goes through neutralise(), so "=1+1"
      becomes "'=1+1"; numbers never do, so a negative number stays a number.
    - Fields are quoted only when they hold a comma, a double quote, CR or LF; inner quotes doubled.
    """
    if df.shape[1] == 0:
        return "\ufeff".encode("utf-8")
    lines = [",".join(_quote(_header(name)) for name in df.columns)]
    columns = [[_quote(_render(v)) for v in df.iloc[:, j].tolist()] for j in range(df.shape[1])]
    lines.extend(",".join(row) for row in zip(*columns))
    return ("\ufeff" + "".join(line + "\n" for line in lines)).encode("utf-8")


def with_view(table: pd.DataFrame, showing: str, as_of: Any) -> pd.DataFrame:
    """A download's table with what it shows in its own columns (the filter in words, the data's date), so
    a file forwarded on its own still says what it is."""
    return table.assign(**{"Showing": showing, "Data as of": str(as_of)})


def _slug(part: Any) -> str:
    text = unicodedata.normalize("NFKD", str(part))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().translate(_TRANSLIT)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def safe_filename(*parts: Any, ext: str = "csv") -> str:
    """A safe download name: each part slugged to [a-z0-9-], parts joined by "_", plus the extension.

    Rules: accents are stripped (Zoë -> zoe, Straße -> strasse); every run of other characters,
    including "_", "." and "/", becomes one "-"; slugs are trimmed of "-" and empty ones dropped;
    the stem is cut to 120 characters (then trimmed of "-" and "_"), falls back to "peers" when
    empty and gets a "peers_" prefix if it is a reserved Windows device name (con, nul, com1...).
    The extension keeps only [a-z0-9]; an empty one gives a name without a dot.
    """
    slugs = [s for s in (_slug(p) for p in parts if p is not None) if s]
    stem = "_".join(slugs)[:MAX_STEM].strip("-_") or FALLBACK_STEM
    if stem in _WINDOWS_RESERVED:
        stem = f"{FALLBACK_STEM}_{stem}"
    suffix = re.sub(r"[^a-z0-9]+", "", str(ext).casefold())
    return f"{stem}.{suffix}" if suffix else stem
