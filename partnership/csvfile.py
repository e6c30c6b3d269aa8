"""CSV that spreadsheets open cleanly: UTF-8 with BOM, RFC 4180 quoting, no live formulas."""

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from flask import Response

from partnership.i18n import use_main_names
from partnership.streaming import streamed

BYTE_ORDER_MARK = "\ufeff"
# A text cell starting with one of these would run as a formula in Excel or LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PIECE_SIZE = 32 * 1024
DELIMITERS = {",": ",", ";": ";", "comma": ",", "semicolon": ";"}


def neutralise(value):
    """Return a text cell that cannot run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return "" if value is None else value


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
        write(map(neutralise, row))
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
