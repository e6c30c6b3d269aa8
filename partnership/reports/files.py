"""Write a funding report's tables as CSV files, alone or together in a zip, as a stream.

The zip is written into a sink that hands its bytes on as soon as a chunk is full, so a
download of 100,000 receipts starts at once and never holds the whole archive in memory.
A zip written this way carries each file's size after its data (a "data descriptor"), which
every unzip tool, Windows Explorer and macOS Finder read.
"""

import io
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from flask import Response

from partnership.csvfile import csv_lines
from partnership.reports.selection import FundingSelection
from partnership.reports.tables import report_tables
from partnership.streaming import streamed

CHUNK = 64 * 1024


class _Sink(io.RawIOBase):
    """Collect what zipfile writes until the stream takes it."""

    def __init__(self):
        super().__init__()
        self._parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        self.size = 0
        return data


def zip_chunks(files: Iterable[tuple[str, Iterable[str]]]) -> Iterator[bytes]:
    """Yield a zip archive of the named text files, encoded as UTF-8, piece by piece."""
    sink = _Sink()
    written = time.localtime()[:6]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, pieces in files:
            info = zipfile.ZipInfo(name, date_time=written)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # participant lists are personal data
            with archive.open(info, "w") as member:
                for piece in pieces:
                    member.write(piece.encode("utf-8"))
                    if sink.size >= CHUNK:
                        yield sink.take()
            yield sink.take()
    yield sink.take()


def batched(pieces: Iterator[str], size: int = CHUNK) -> Iterator[str]:
    """Pass the first piece (the header) on at once, then join the rows into fuller chunks.

    A row is some 150 bytes; sending each on its own through the WSGI layers costs more
    than writing it.
    """
    yield next(pieces, "")
    buffer, length = [], 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def report_files(selection: FundingSelection, delimiter: str) -> list[tuple[str, Iterator[str]]]:
    """Return (file name, CSV text in chunks) for every table of the report."""
    return [
        (name, batched(csv_lines(header, rows, delimiter)))
        for name, header, rows in report_tables(selection, delimiter)
    ]


def table_response(selection: FundingSelection, table: str, delimiter: str) -> Response:
    """Stream one table of the report as a CSV download."""

    def chunks():
        files = report_files(selection.reloaded(), delimiter)
        return next(pieces for name, pieces in files if name == table)

    return Response(
        streamed(chunks),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{selection.file_stem}-{table}"',
            "Content-Type": "text/csv; charset=utf-8",
        },
    )


def zip_response(selection: FundingSelection, delimiter: str) -> Response:
    """Stream every table of the report in one zip download."""
    return Response(
        streamed(lambda: zip_chunks(report_files(selection.reloaded(), delimiter))),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{selection.file_stem}.zip"'},
    )


def write_report(selection: FundingSelection, delimiter: str, path: Path) -> list[Path]:
    """Write the report to `path`: a zip when it ends in .zip, else a folder of CSV files."""
    if path.suffix.lower() == ".zip":
        with path.open("wb") as out:
            for chunk in zip_chunks(report_files(selection, delimiter)):
                out.write(chunk)
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for name, pieces in report_files(selection, delimiter):
        target = path / name
        # newline="" keeps the CSV's own CRLF line ends, as in the download.
        with target.open("w", encoding="utf-8", newline="") as out:
            out.writelines(pieces)
        written.append(target)
    return written
