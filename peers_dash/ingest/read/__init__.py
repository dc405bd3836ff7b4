"""Reading: a file's bytes into rows of text cells and a Table (CSV in any common encoding and delimiter, .xlsx),
and dates as people and tools write them. A file that is no table is refused with a ReadError.

files (the checks every file passes, CSV), xlsx (workbooks), table (the Table, its cells as numbers), dates.
What the other stages use is imported from here.
"""
from __future__ import annotations

from peers_dash.ingest.read.dates import detect_date_order, parse_date, parse_datetime, parse_time
from peers_dash.ingest.read.files import MAX_BYTES, decode, read_raw, read_sheets, read_table, sniff_delimiter
from peers_dash.ingest.read.table import (DELIMITERS, GROUPED_NUMBER, MAX_MINUTES, ReadError, Table, clean_header,
                                          column_letter, delimiter_name, table_from_rows, to_number)

__all__ = ["DELIMITERS", "GROUPED_NUMBER", "MAX_BYTES", "MAX_MINUTES", "ReadError", "Table", "clean_header",
           "column_letter", "decode", "delimiter_name", "detect_date_order", "parse_date", "parse_datetime",
           "parse_time", "read_raw", "read_sheets", "read_table", "sniff_delimiter", "table_from_rows", "to_number"]
