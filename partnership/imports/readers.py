"""Read an uploaded spreadsheet, CSV or XLSX, into a header and rows of text cells.

CSV comes as offices save it: UTF-8 with or without byte order mark, UTF-16 ("Unicode text")
or Windows-1252 from older German Excel, separated by commas, semicolons or tabs.
"""

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import gettext as _

from partnership.imports.columns import ImportFileError
from partnership.imports.values import plain

DELIMITERS = {",": ",", ";": ";", "\t": "\t", "comma": ",", "semicolon": ";", "tab": "\t"}
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
MAX_COLUMNS = 100
# Characters no spreadsheet text contains; finding them means the file is not text at all.
CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


@dataclass
class Table:
    """The cells of a file: the header, then (row number as a spreadsheet shows it, cells)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    file_format: str
    delimiter: str | None = None


def read_table(data: bytes, filename: str = "", delimiter: str | None = None, max_rows=None):
    """Read `data` as XLSX or CSV; raise ImportFileError with a clear message if it is neither."""
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if data.startswith(OLD_EXCEL_MAGIC) or filename.lower().endswith(".xls"):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read; save the sheet as .xlsx or CSV.")
        )
    if data.startswith(XLSX_MAGIC):
        return _table(_xlsx_rows(data, max_rows), "XLSX", None, max_rows)
    text, encoding = _decode(data)
    chosen = DELIMITERS.get(delimiter or "") or _detect_delimiter(text)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=chosen)
    try:
        return _table(enumerate(rows, start=1), encoding, chosen, max_rows)
    except csv.Error as error:
        raise ImportFileError(_("The CSV file is malformed: %(error)s.", error=error)) from error


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "UTF-16"
    elif b"\x00" in data[:4096]:
        raise _not_a_spreadsheet()
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError as error:
                raise _not_a_spreadsheet() from error
    if not CONTROL.isdisjoint(text[:65536]):
        raise _not_a_spreadsheet()
    return text, encoding


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _("This file is not a spreadsheet. Choose a CSV file or an Excel workbook (.xlsx).")
    )


def _detect_delimiter(text: str) -> str:
    """Pick the separator that occurs most often in the header row, outside quotes."""
    header, quoted = [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            if header:
                break
            continue
        elif not quoted:
            header.append(char)
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _xlsx_rows(data: bytes, max_rows) -> list[tuple[int, list[str]]]:
    """Read the first sheet; stop soon after `max_rows` filled rows (the table then refuses)."""
    from openpyxl import load_workbook

    rows = []
    try:
        # Styles, data validation and the like do not matter to an import; their warnings
        # would only alarm the reader.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
            for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=width), 1):
                texts = [_cell_text(value) for value in row]
                if any(texts):
                    rows.append((number, texts))
                if max_rows is not None and len(rows) > max_rows + 1:
                    break
            workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as error:
        raise ImportFileError(
            _("The Excel workbook could not be read; it may be damaged. Save it again as .xlsx.")
        ) from error
    return rows


def _cell_text(value) -> str:
    """Turn an Excel cell into the text an office would have typed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(rows, file_format: str, delimiter: str | None, max_rows) -> Table:
    header, body = None, []
    for number, cells in rows:
        cells = [plain(cell.strip()) for cell in cells]
        if not any(cells):
            continue  # blank rows, often many at the end of a sheet
        if header is None:
            header = cells
            continue
        if max_rows is not None and len(body) >= max_rows:
            raise ImportFileError(
                _(
                    "The file has more than %(count)d rows; split it into smaller files.",
                    count=max_rows,
                )
            )
        body.append((number, cells))
    if header is None:
        raise ImportFileError(_("The file is empty."))
    while header and not header[-1]:
        header.pop()
    return Table(header=header, rows=body, file_format=file_format, delimiter=delimiter)
