"""The pieces a report is written with, without the app: numbers, counts, chunks, the zip."""

import csv
import io
from decimal import Decimal

import pytest

from partnership.csvfile import csv_lines
from partnership.reports.files import batched, zip_chunks
from partnership.reports.tables import CommaDecimal, country_counts, number_writer

from .reports import rows_of, zip_members


@pytest.mark.parametrize(
    ("delimiter", "value", "written"),
    [
        (",", Decimal("1234.5"), "1234.50"),
        (",", Decimal("-0.05"), "-0.05"),
        (";", Decimal("1234.5"), "1234,50"),
        (";", Decimal("-12.8"), "-12,80"),
        (";", 3, "3,00"),
    ],
)
def test_amounts_are_plain_numbers_in_the_delimiters_convention(delimiter, value, written):
    number = number_writer(delimiter)(value)
    assert not isinstance(number, str), "a number must not pass as text"
    assert str(number) == written
    assert number_writer(delimiter)(None) is None


def test_a_comma_decimal_is_still_the_same_number():
    assert CommaDecimal("-12.80") == Decimal("-12.80")
    assert CommaDecimal("1.5") + 1 == Decimal("2.5")


def test_negative_amounts_are_not_taken_for_formulas():
    number = number_writer(";")
    text = "".join(csv_lines(["purpose", "amount"], [["-Erstattung", number(-7)]], ";"))
    assert text.split("\r\n")[1] == "'-Erstattung;-7,00"


def test_country_counts_read_like_a_sentence():
    assert country_counts([("UA", 6), ("DE", 2), ("", 1)]) == "UA 6, DE 2, unknown 1"
    assert country_counts([]) == ""


def test_batched_sends_the_header_at_once_and_the_rest_in_full_chunks():
    pieces = iter(["header\r\n", *(f"row {n}\r\n" for n in range(1000))])
    chunks = list(batched(pieces, size=1000))
    assert chunks[0] == "header\r\n"
    assert all(len(chunk) >= 1000 for chunk in chunks[1:-1])
    assert "".join(chunks) == "header\r\n" + "".join(f"row {n}\r\n" for n in range(1000))


def test_zip_chunks_build_an_archive_any_unzip_tool_reads():
    note = 'Zeile 1\nZeile "2" – Житомир'
    files = [
        ("a.csv", csv_lines(["note"], [[note]] * 3000)),
        ("b.csv", csv_lines(["x"], [])),
    ]
    chunks = list(zip_chunks(files))
    assert len(chunks) > 2
    members = zip_members(b"".join(chunks))
    assert list(members) == ["a.csv", "b.csv"]
    assert [row["note"] for row in rows_of(members["a.csv"].decode("utf-8"))] == [note] * 3000
    assert list(csv.reader(io.StringIO(members["b.csv"].decode("utf-8-sig")))) == [["x"]]
