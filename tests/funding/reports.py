"""Read funding reports back as a spreadsheet would: CSV text, tables, zip archives."""

import csv
import io
import zipfile
from decimal import Decimal

from sqlalchemy import insert

from partnership.extensions import db
from partnership.funding.models import CostItem

BOM = "\ufeff"
REPORT_FILES = ["activities.csv", "costs.csv", "budget.csv", "participants.csv", "aid.csv"]


def rows_of(text: str, delimiter: str = ",") -> list[dict]:
    """Parse CSV text with Python's csv module, checking the byte-order mark on the way."""
    assert text.startswith(BOM), "no byte-order mark: Excel would misread umlauts"
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def header_of(text: str, delimiter: str = ",") -> list[str]:
    return next(csv.reader(io.StringIO(text[1:], newline=""), delimiter=delimiter))


def download(client, table: str, **args):
    response = client.get(f"/reports/funding/{table}", query_string=args)
    assert response.status_code == 200, (table, response.status_code)
    return response


def table(client, name: str, delimiter: str = ",", **args) -> list[dict]:
    response = download(client, f"{name}.csv", delimiter=delimiter, **args)
    assert response.mimetype == "text/csv"
    return rows_of(response.get_data().decode("utf-8"), delimiter)


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def add_receipt(app, event_id: int, line_id: int, amount: str, share: str | None = None, **fields):
    """Book one receipt straight into the database; return its id."""
    values = {
        "event_id": event_id,
        "budget_line_id": line_id,
        "amount": Decimal(amount),
        "grant_share": Decimal(amount if share is None else share),
        "currency": "EUR",
        "payee": "",
        "purpose": "",
        "receipt_number": "",
        "note": "",
        **fields,
    }
    with app.app_context():
        cost_id = db.session.execute(insert(CostItem).returning(CostItem.id), [values]).scalar()
        db.session.commit()
        return cost_id
