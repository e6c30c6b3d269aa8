"""Reading files as offices save them: encodings, separators, blank rows, Excel, and refusals."""

import pytest

from partnership.imports.columns import ImportFileError
from partnership.imports.readers import read_table

from .import_helpers import xlsx_bytes

GERMAN_ROWS = "Name;E-Mail;Stadt\r\nJürgen Müller;jm@example.org;Düsseldorf\r\n"


def test_windows_1252_with_semicolons_is_read_with_its_umlauts():
    table = read_table(GERMAN_ROWS.encode("cp1252"), "kontakte.csv")
    assert table.file_format == "Windows-1252"
    assert table.delimiter == ";"
    assert table.header == ["Name", "E-Mail", "Stadt"]
    assert table.rows == [(2, ["Jürgen Müller", "jm@example.org", "Düsseldorf"])]


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["without BOM", "with BOM"])
def test_utf8_with_or_without_byte_order_mark(prefix):
    table = read_table(prefix + GERMAN_ROWS.encode("utf-8"))
    assert table.file_format == "UTF-8"
    assert table.header[0] == "Name", "the byte order mark must not stick to the first header"
    assert table.rows[0][1][0] == "Jürgen Müller"


def test_utf16_unicode_text_from_excel_is_read_with_tabs():
    data = "Name\tStadt\r\nСвітлана Ольшанська\tЖитомир\r\n".encode("utf-16")
    table = read_table(data)
    assert table.delimiter == "\t"
    assert table.rows == [(2, ["Світлана Ольшанська", "Житомир"])]


def test_a_separator_inside_quotes_does_not_decide_the_delimiter():
    table = read_table(b'"Brunsing; Barbara",Notes\r\nx,y\r\n')
    assert table.delimiter == ","
    assert table.header == ["Brunsing; Barbara", "Notes"]


def test_the_delimiter_can_be_given_instead_of_detected():
    data = b"Name,Role\r\nZeuch;Coordinator, office\r\n"
    assert read_table(data).delimiter == ","
    table = read_table(data, delimiter=";")
    assert table.header == ["Name,Role"]
    assert table.rows[0][1] == ["Zeuch", "Coordinator, office"]


def test_blank_rows_and_surrounding_spaces_are_dropped_and_rows_keep_their_numbers():
    data = b"  Name , Email \r\n\r\n  Brunsing  , b@example.org \r\n , \r\n,\r\nZeuch,\r\n\r\n\r\n"
    table = read_table(data)
    assert table.header == ["Name", "Email"]
    assert table.rows == [(3, ["Brunsing", "b@example.org"]), (6, ["Zeuch", ""])]


def test_a_quoted_cell_may_hold_line_breaks_and_the_row_number_stays_the_spreadsheets():
    table = read_table(b'Title,Programme\r\nVisit,"Welcome\r\nCity tour"\r\nOther,x\r\n')
    assert table.rows == [(2, ["Visit", "Welcome\r\nCity tour"]), (3, ["Other", "x"])]


def test_the_apostrophe_an_export_put_before_a_formula_sign_is_removed():
    table = read_table(b"Phone,Notes,Name\r\n'+49 231 50-0,'=1+1,'Tis me\r\n")
    assert table.rows[0][1] == ["+49 231 50-0", "=1+1", "'Tis me"]


def test_xlsx_cells_read_as_the_office_typed_them():
    from datetime import date, datetime

    data = xlsx_bytes(
        [
            ["Title", "Published on", "People", "Share", "First"],
            [],
            ["  Article  ", datetime(2023, 9, 29), 6, 12.5, True],
            ["Other", date(2024, 2, 1), None, None, False],
            [None, None, None],
        ]
    )
    table = read_table(data, "press.xlsx")
    assert table.file_format == "XLSX"
    assert table.header == ["Title", "Published on", "People", "Share", "First"]
    assert table.rows == [
        (3, ["Article", "2023-09-29", "6", "12.5", "yes"]),
        (4, ["Other", "2024-02-01", "", "", "no"]),
    ]


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 64,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200,
        b"%PDF-1.7\n\x01\x02\x03\x04 binary",
    ],
    ids=["random bytes", "PNG", "control characters"],
)
def test_a_binary_file_is_refused_as_not_a_spreadsheet(data):
    with pytest.raises(ImportFileError, match="not a spreadsheet"):
        read_table(data, "photo.csv")


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b";;;\r\n ; \r\n"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(ImportFileError, match="empty"):
        read_table(data)


def test_an_old_excel_file_is_refused_with_what_to_do():
    with pytest.raises(ImportFileError, match=r"\.xlsx or CSV"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "liste.xls")


def test_a_damaged_workbook_is_refused():
    with pytest.raises(ImportFileError, match="damaged"):
        read_table(b"PK\x03\x04" + b"not really a zip file" * 10, "liste.xlsx")


@pytest.mark.parametrize("make", [lambda rows: "\r\n".join(rows).encode(), None])
def test_a_file_with_more_rows_than_allowed_is_refused(make):
    rows = ["Name"] + [f"Person {i}" for i in range(4)]
    data = make(rows) if make else xlsx_bytes([[row] for row in rows])
    assert len(read_table(data, max_rows=4).rows) == 4
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        read_table(data, max_rows=3)
