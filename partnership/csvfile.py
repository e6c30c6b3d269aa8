"""CSV that spreadsheets open cleanly: UTF-8 with BOM, RFC 4180 quoting, no live formulas."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from flask import Response

from partnership.i18n import use_main_names
from partnership.streaming import streamed

BYTE_ORDER_MARK = "\ufeff"
# A text cell starting with one of these would run as a formula in Excel or LibreOffice.
FORMULA_TRIGGERS = frozenset(("=", "+", "-", "@", "\t", "\r"))
PIECE_SIZE = 32 * 1024
DELIMITERS = {",": ",", ";": ";", "comma": ",", "semicolon": ";"}


def neutral(row: Iterable) -> list:
    """The row's cells, each text that could run as a formula made plain text; numbers stay
    numbers, and None is written empty (as the csv module writes it)."""
    # One pass, no call per cell: a download of 100,000 rows has more than a million cells.
    return [
        "'" + value if isinstance(value, str) and value[:1] in FORMULA_TRIGGERS else value
        for value in row
    ]


def csv_lines(header: list[str], rows: Iterable[list], delimiter: str = ",") -> Iterator[str]:
    """Yield the CSV text piece by piece, so a long export never sits in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    yield BYTE_ORDER_MARK + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    write = writer.writerow
    for row in rows:
        write(neutral(row))
        # Pieces of some kilobytes: a piece per row costs more in passing it on than in writing.
        if buffer.tell() >= PIECE_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def csv_response(
    filename: str, header: list[str], rows: Callable[[], Iterable[list]], delimiter=","
) -> Response:
    """Stream a CSV download; `rows` is called when the download is read, in its own context."""

    def lines():
        use_main_names()  # cities by the names an import reads back, in every language
        return csv_lines(header, rows(), delimiter)

    return Response(
        streamed(lines),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Type": "text/csv; charset=utf-8",
        },
    )
