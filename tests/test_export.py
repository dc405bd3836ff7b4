"""CSV downloads: exact bytes, formula neutralising, and safe file names."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from peers_dash.charts.export import neutralise, safe_filename, to_csv_bytes

BOM = b"\xef\xbb\xbf"


# --- neutralise -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2 days", "@SUM(A1)", "\tx", "\rx", "\nx"])
def test_neutralise_prefixes_a_formula_looking_string_with_a_single_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Zoë", "1+1", "a=b", "", " =1", "'=1"])
def test_neutralise_leaves_ordinary_strings_alone(text):
    assert neutralise(text) == text


@pytest.mark.parametrize("value", [-2, -0.5, np.float64(-3.25), np.int64(-7), None, True])
def test_neutralise_leaves_numbers_and_other_non_strings_untouched(value):
    out = neutralise(value)
    assert out is value or out == value
    assert type(out) is type(value)


# --- to_csv_bytes ---------------------------------------------------------------------------------


def _tricky_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["Zoë", "=1+1", "+cmd", "-2 days", "@SUM(A1)", 'a, "b"\nc', None],
            "rate": [0.30798, -1.5, np.nan, 2.0, -0.00001, 1234.56789, 0.1],
            "n": [1, -3, 0, 4, 5, 6, 7],
            "ok": [True, False, True, False, True, False, True],
        }
    )


def test_to_csv_bytes_matches_the_golden_bytes_for_a_tricky_frame():
    expected = (
        BOM
        + b"name,rate,n,ok\n"
        + "Zoë,0.308,1,true\n".encode("utf-8")
        + b"'=1+1,-1.5,-3,false\n"
        + b"'+cmd,,0,true\n"
        + b"'-2 days,2,4,false\n"
        + b"'@SUM(A1),0,5,true\n"
        + b'"a, ""b""\nc",1234.5679,6,false\n'
        + b",0.1,7,true\n"
    )
    assert to_csv_bytes(_tricky_frame()) == expected


def test_to_csv_bytes_is_deterministic():
    assert to_csv_bytes(_tricky_frame()) == to_csv_bytes(_tricky_frame())


def test_to_csv_bytes_reads_back_with_pandas_keeping_the_quoted_comma_quote_and_newline():
    back = pd.read_csv(io.BytesIO(to_csv_bytes(_tricky_frame())), encoding="utf-8-sig")
    assert list(back.columns) == ["name", "rate", "n", "ok"]
    assert back.loc[0, "name"] == "Zoë"
    assert back.loc[5, "name"] == 'a, "b"\nc'
    assert back.loc[1, "rate"] == -1.5
    assert back.loc[1, "n"] == -3
    assert pd.isna(back.loc[2, "rate"])


def test_to_csv_bytes_neutralises_column_names_too():
    out = to_csv_bytes(pd.DataFrame({"=HYPERLINK(x)": [1], "plain": ["-"]}))
    assert out == BOM + b"'=HYPERLINK(x),plain\n1,'-\n"


def test_to_csv_bytes_writes_nullable_missing_values_as_empty_cells():
    df = pd.DataFrame(
        {
            "i": pd.array([1, None], dtype="Int64"),
            "b": pd.array([True, None], dtype="boolean"),
            "s": pd.array(["x", None], dtype="string"),
            "when": pd.to_datetime(["2024-09-01 08:30", None]),
        }
    )
    assert to_csv_bytes(df) == BOM + b"i,b,s,when\n1,true,x,2024-09-01 08:30:00\n,,,\n"


def test_to_csv_bytes_never_uses_exponent_form_and_drops_negative_zero():
    df = pd.DataFrame({"x": [1e-9, -1e-9, 12345678.9, 1e20, 0.12345, np.inf, -np.inf]})
    assert to_csv_bytes(df) == BOM + b"x\n0\n0\n12345678.9\n100000000000000000000\n0.1235\ninf\n-inf\n"


def test_to_csv_bytes_writes_object_columns_of_mixed_values_by_their_own_type():
    df = pd.DataFrame({"mixed": ["=bad", -4, -0.25, True, None, "ok"]}, dtype=object)
    assert to_csv_bytes(df) == BOM + b"mixed\n'=bad\n-4\n-0.25\ntrue\n\nok\n"


def test_to_csv_bytes_omits_the_index_and_joins_multiindex_column_names():
    df = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("wave 1", "n"), ("wave 2", "n")]))
    df.index = ["ignored"]
    assert to_csv_bytes(df) == BOM + b"wave 1 / n,wave 2 / n\n1,2\n"


def test_to_csv_bytes_of_an_empty_frame_keeps_the_header_only():
    assert to_csv_bytes(pd.DataFrame({"a": [], "b": []})) == BOM + b"a,b\n"
    assert to_csv_bytes(pd.DataFrame()) == BOM


def test_to_csv_bytes_quotes_a_carriage_return_inside_a_cell():
    assert to_csv_bytes(pd.DataFrame({"c": ["a\rb"]})) == BOM + b'c\n"a\rb"\n'


# --- safe_filename --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Participation", "MD Class of 2024, MS1–MS2"), "participation_md-class-of-2024-ms1-ms2.csv"),
        (("../../etc/passwd",), "etc-passwd.csv"),
        (("..\\..\\Windows\\system32",), "windows-system32.csv"),
        (("!!!", "@#$%"), "peers.csv"),
        ((), "peers.csv"),
        (("", None, "   "), "peers.csv"),
        (("Zoë's Group", "Crème Brûlée"), "zoe-s-group_creme-brulee.csv"),
        (("Straße", "Æsir"), "strasse_aesir.csv"),
        (("survey_results", "wave 2"), "survey-results_wave-2.csv"),
        ((".hidden",), "hidden.csv"),
        (("CON",), "peers_con.csv"),
        (("Well-being -- Stress!!",), "well-being-stress.csv"),
    ],
)
def test_safe_filename_slugs_parts_and_joins_them_with_underscores(parts, expected):
    assert safe_filename(*parts) == expected


def test_safe_filename_uses_only_safe_characters_and_never_starts_with_a_dot():
    import re

    for parts in [("../..",), ("\x00\n/\\:*?\"<>|",), ("日本語",), (".", "..")]:
        name = safe_filename(*parts)
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*\.csv", name), name


def test_safe_filename_cuts_the_stem_to_120_characters_without_a_trailing_separator():
    name = safe_filename("a" * 119, "bbbb")
    assert name == "a" * 119 + ".csv"
    long = safe_filename("word " * 100)
    stem = long.removesuffix(".csv")
    assert len(stem) <= 120 and not stem.endswith(("-", "_"))


def test_safe_filename_takes_a_cleaned_extension_or_none():
    assert safe_filename("Report", ext="XLSX") == "report.xlsx"
    assert safe_filename("Report", ext=".csv") == "report.csv"
    assert safe_filename("Report", ext="") == "report"
