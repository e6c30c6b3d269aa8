"""Build spreadsheets in memory, send them through the import pages, and count what was saved."""

import csv
import io

import page_reader
from openpyxl import Workbook
from page_reader import text_of  # noqa: F401  (the tests here import it from here)
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from partnership.extensions import db

# What an office can import, and every list page with a download.
IMPORTABLE = ["contacts", "organisations", "visits", "exchanges", "press"]
LISTS = [
    *IMPORTABLE,
    "cities",
    "partnerships",
    "delegations",
    "agreements",
    "milestones",
    "stages",
    "aid",
    "grants",
    "programmes",
    "topics",
]


def csv_bytes(rows: list[list], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, entity: str, data: bytes, filename: str = "list.csv", **options):
    """Post a file to the import page, as the upload form does; return the preview."""
    form = {"entity": entity, "file": FileStorage(io.BytesIO(data), filename), **options}
    # Encoded here, in memory: the test client would spool a large body to a temporary file
    # that nothing closes.
    boundary, body = encode_multipart(form)
    return client.post(
        "/imports/", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def hidden_fields(html: str, action: str = "/imports/confirm") -> dict[str, str]:
    """Return the hidden inputs of the form posting to `action`."""
    return page_reader.hidden_fields(html, action)


def confirm(client, preview):
    """Press the preview's import button."""
    return client.post("/imports/confirm", data=hidden_fields(preview.text))


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def one(app, model, **filters):
    """Load the record matching `filters`, detached, with its attributes read."""
    with app.app_context():
        record = db.session.scalars(select(model).filter_by(**filters)).one()
        db.session.refresh(record)
        db.session.expunge(record)
        return record
