"""Readers: every common encoding, delimiter and spreadsheet quirk read into text cells; dates and numbers."""
from __future__ import annotations

import codecs
import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peers_dash import PeersError
from peers_dash.ingest.read import (
    ReadError,
    detect_date_order,
    parse_date,
    parse_datetime,
    read_raw,
    read_table,
    sniff_delimiter,
    to_number,
)

TEXT = "name,email,minutes\nZoë Example,zoe@example.edu,45\nAda Example,ada@example.edu,60\n"


def _xlsx(*sheets: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, rows in enumerate(sheets):
        ws = wb.create_sheet(f"Sheet{i + 1}")
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),
    TEXT.encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "cp1252"])
def test_read_table_decodes_every_common_encoding_to_the_same_text(data):
    table = read_table(data, "people.csv")
    assert table.columns == ["name", "email", "minutes"]
    assert table.rows["name"].tolist() == ["Zoë Example", "Ada Example"]
    assert table.rows["_row"].tolist() == [2, 3]


def test_header_names_lose_byte_order_marks_and_surrounding_spaces():
    table = read_table("\ufeff name ,\u200bemail , minutes\nAda,a@x.org,3\n".encode("utf-8"), "x.csv")
    assert table.columns == ["name", "email", "minutes"]


# --- delimiters -----------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_sniffed_from_the_header(delimiter):
    data = TEXT.replace(",", delimiter).encode("utf-8")
    table = read_table(data, "people.csv")
    assert table.columns == ["name", "email", "minutes"] and table.delimiter == delimiter


def test_sniffing_is_not_fooled_by_commas_inside_quotes():
    text = '"Name, full";"Minutes, total"\n"Example, Ada";45,5\n'
    assert sniff_delimiter(text) == ";"
    table = read_table(text.encode("utf-8"), "eu.csv")
    assert table.columns == ["Name, full", "Minutes, total"]
    assert table.rows.iloc[0].tolist()[:2] == ["Example, Ada", "45,5"]  # decimal comma left as text


def test_excel_sep_line_sets_the_delimiter_and_is_not_a_row():
    table = read_table(b"sep=;\r\na;b\r\n1;2\r\n", "x.csv")
    assert table.columns == ["a", "b"] and table.rows["b"].tolist() == ["2"]


def test_a_row_split_with_another_delimiter_is_marked_ragged():
    table = read_table(b"a,b,c\n1,2,3\n4;5;6\n", "x.csv")
    assert table.ragged == {3: 1}


# --- rows and headers -----------------------------------------------------------------------------


def test_quoted_line_breaks_stay_in_one_cell_and_row_numbers_count_records():
    table = read_table(b'topic,date\n"Welcome,\nnorms",2024-09-10\nMindfulness,2024-10-08\n', "s.csv")
    assert table.rows["topic"].tolist() == ["Welcome,\nnorms", "Mindfulness"]
    assert table.rows["_row"].tolist() == [2, 3]


def test_blank_rows_are_skipped_but_rows_keep_their_real_numbers():
    table = read_table(b"a,b,,\n\n1,2,,\n,,,\n3,4,,\n", "x.csv")
    assert table.columns == ["a", "b"]  # trailing empty columns without a header are dropped
    assert table.rows["_row"].tolist() == [3, 5]
    assert table.ragged == {}


def test_read_raw_keeps_blank_rows_as_empty_lists():
    assert read_raw(b"a,b\n\n1,2\n, \n", "x.csv") == [["a", "b"], [], ["1", "2"], []]


def test_duplicate_header_names_get_a_suffix_and_remember_the_original():
    table = read_table(b"Email,name,email,Email_2\na,b,c,d\n", "x.csv")
    assert table.columns == ["Email", "name", "email_3", "Email_2"]
    assert table.renamed == {"email_3": "email"}
    assert table.original("email_3") == "email"


def test_a_column_with_data_but_no_header_is_named_after_its_letter():
    table = read_table(b"a,,c\n1,2,3\n", "x.csv")
    assert table.columns == ["a", "Column B", "c"]


def test_a_header_row_further_down_can_be_chosen():
    table = read_table(b"Meeting ID,Topic\n1,PEERS\n\nName,Duration\nAda,45\n", "z.csv", header_row=4)
    assert table.columns == ["Name", "Duration"] and table.rows["_row"].tolist() == [5]


def test_formula_looking_text_is_kept_as_text():
    table = read_table(b'name\n"=HYPERLINK(""http://x"",""Ada"")"\n=SUM(A1)\n', "x.csv")
    assert table.rows["name"].tolist() == ['=HYPERLINK("http://x","Ada")', "=SUM(A1)"]


# --- xlsx -----------------------------------------------------------------------------------------


def test_xlsx_cells_become_text_with_iso_dates_and_whole_numbers_without_decimals():
    data = _xlsx([["name", "when", "day", "n", "x", "ok"],
                  ["Ada", dt.datetime(2024, 9, 10, 12, 30), dt.datetime(2024, 9, 10), 3.0, 3.5, True]])
    table = read_table(data, "x.xlsx")
    assert table.rows.iloc[0].tolist() == ["Ada", "2024-09-10 12:30:00", "2024-09-10", "3", "3.5", "TRUE", 2]
    assert table.sheet == "Sheet1" and table.delimiter is None


def test_xlsx_formula_without_a_cached_value_keeps_its_text():
    table = read_table(_xlsx([["name", "total"], ["Ada", "=SUM(1,2)"]]), "x.xlsx")
    assert table.rows["total"].tolist() == ["=SUM(1,2)"]


def test_xlsx_reads_the_first_sheet_that_has_data_and_keeps_blank_row_numbers():
    table = read_table(_xlsx([], [["a"], [None], ["x"]]), "x.xlsx")
    assert table.sheet == "Sheet2" and table.rows["_row"].tolist() == [3]


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize("data,name,message", [
    (b"", "e.csv", "e.csv is empty"),
    (b"\xef\xbb\xbf \r\n", "e.csv", "e.csv is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "p.csv", "p.csv is a PNG image, not a table"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.xls", "old.xls is an old Excel file (.xls)"),
    (b"a,b\n1,\x002\n", "n.csv", "n.csv contains NUL bytes"),
    (b"PK\x03\x04junk", "z.xlsx", "z.xlsx is not a valid .xlsx file"),
    (b"a,b\x01\x02\x03\x04\x05\x06\x07\x08\n", "c.csv", "c.csv does not look like a table"),
])
def test_files_that_are_not_tables_are_refused_with_a_plain_message_naming_the_file(data, name, message):
    with pytest.raises(ReadError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        read_table(data, name)


def test_read_error_is_a_peers_error():
    assert issubclass(ReadError, PeersError)


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(ReadError, match="big.csv is .* over the limit"):
        read_raw(b"a,b\n" * 100, "big.csv", max_bytes=100)


def test_an_xls_name_asks_to_save_as_xlsx_or_csv():
    with pytest.raises(ReadError, match="save it as .xlsx or CSV"):
        read_raw(b"a,b\n1,2\n", "roster.xls")


# --- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,value", [("3", 3.0), ("3.5", 3.5), ("3,5", 3.5), (" 4 ", 4.0), ("-2", -2.0),
                                        (".5", 0.5), ("3,5,6", None), ("abc", None), ("", None), ("1e3", None),
                                        ("nan", None), (None, None)])
def test_to_number_reads_decimal_points_and_commas_and_nothing_else(text, value):
    assert to_number(text) == value


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_to_number_reads_any_integer_back(n):
    assert to_number(str(n)) == n


@given(st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False))
def test_to_number_reads_a_decimal_comma_like_a_decimal_point(d):
    text = f"{d:f}"
    assert to_number(text.replace(".", ",")) == to_number(text) == pytest.approx(float(d))


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,iso", [
    ("2021-11-19", "2021-11-19"), ("11/19/2021", "2021-11-19"), ("1/2/21", "2021-01-02"),
    ("19.11.2021", "2021-11-19"), ("2021-11-19 09:54:15", "2021-11-19"), ("44523", "2021-11-23"),
    ("11/12/2020, 12:27:24", "2020-11-12"), ("13/01/2021", "2021-01-13"), ("19 Nov 2021", "2021-11-19"),
    ("2021-02-30", None), ("31/31/2020", None), ("3", None), ("soon", None), ("", None),
])
def test_parse_date_accepts_the_usual_spellings(text, iso):
    assert parse_date(text) == iso


def test_parse_date_follows_an_explicit_day_month_order():
    assert parse_date("03/04/2021", "dmy") == "2021-04-03"
    assert parse_date("03/04/2021", "mdy") == "2021-03-04"
    assert parse_date("13/04/2021", "mdy") is None


@pytest.mark.parametrize("text,iso", [
    ("11/19/2021 09:54:15 AM", "2021-11-19 09:54:15"), ("11/19/2021 12:01:59 PM", "2021-11-19 12:01:59"),
    ("11/19/2021 12:30:00 AM", "2021-11-19 00:30:00"), ("11/12/2020, 12:27:24", "2020-11-12 12:27:24"),
    ("2021-11-19 09:54:15", "2021-11-19 09:54:15"), ("12.11.2020, 12:27:24", "2020-11-12 12:27:24"),
    ("3/1/23, 9:58:12 AM", "2023-03-01 09:58:12"), ("2023-03-01T10:00:05Z", "2023-03-01 10:00:05"),
    ("44523.5", "2021-11-23 12:00:00"), ("11/19/2021 25:00:00", None), ("later", None),
])
def test_parse_datetime_accepts_zoom_teams_and_german_timestamps(text, iso):
    assert parse_datetime(text) == iso


@pytest.mark.parametrize("values,order", [
    (["03/04/2021", "25/04/2021"], "dmy"), (["03/04/2021", "04/25/2021"], "mdy"),
    (["03/04/2021", "04/05/2021"], "mdy"), (["2021-04-03", "19.11.2021"], "mdy"), ([], "mdy"),
])
def test_detect_date_order_looks_for_a_first_part_above_twelve(values, order):
    assert detect_date_order(values) == order
