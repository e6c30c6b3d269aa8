"""The Belegliste as CSV and XLSX: receipts by budget line in date order, then planned against
actual per line with the deviation in money and per cent."""

import csv
import io
from datetime import datetime

from openpyxl import load_workbook


def _download(client, grant, part, **args):
    query = "&".join(f"{key}={value}" for key, value in {"grant": grant, **args}.items())
    response = client.get(f"/reports/pack/{part}?{query}", buffered=True)
    assert response.status_code == 200, response.status_code
    return response


def test_the_csv_groups_receipts_by_line_in_date_order_then_compares_plan(app, twinning, viewer):
    response = _download(viewer, twinning.grant, "payments-csv", delimiter="%3B")
    assert response.headers["Content-Disposition"].endswith('filename="03_Payments_list.csv"')
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:6] == [
        "Budget line",
        "Date paid",
        "Payee",
        "Purpose",
        "Receipt number",
        "Amount",
    ]
    receipts = [row for row in rows[1:] if len(row) == 8 and row[1]]
    # Travel first (its line comes first), its receipts by date; the 2025 receipt is outside
    # the grant's period (2024), which the pack covers.
    assert [(row[0], row[1], row[4], row[5]) for row in receipts] == [
        ("Travel", "2024-03-01", "T-1", "500,00"),
        ("Travel", "2024-05-02", "T-2", "800,00"),
        ("Interpreting", "2024-05-12", "I-1", "150,00"),
    ]
    assert receipts[1][7] == "720,00"  # the grant's share
    assert receipts[0][2] == "'=cmd"  # a payee cannot run as a formula
    travel_sum = next(row for row in rows if row[3].startswith("Sum of Travel"))
    assert travel_sum[5] == "1300,00"
    plan = rows[
        rows.index(["Budget line", "Currency", "Planned", "Actual", "Deviation", "Deviation %"]) :
    ]
    assert plan[1] == ["Travel", "EUR", "1000,00", "1300,00", "300,00", "30,00"]
    assert plan[2] == ["Interpreting", "EUR", "500,00", "150,00", "-350,00", "-70,00"]
    assert plan[3] == ["Total", "EUR", "1500,00", "1450,00", "-50,00", "-3,30"]


def test_the_xlsx_keeps_numbers_as_numbers_and_dates_as_dates(app, twinning, viewer):
    response = _download(viewer, twinning.grant, "payments-xlsx")
    book = load_workbook(io.BytesIO(response.data))
    receipts, plan = book.worksheets
    rows = list(receipts.iter_rows(values_only=True))
    assert rows[1][:6] == ("Travel", datetime(2024, 3, 1), "=cmd", "Receipt T-1", "T-1", 500)
    assert isinstance(rows[1][5], int | float)
    assert receipts.cell(row=2, column=3).data_type == "s"  # text, not a formula
    compared = list(plan.iter_rows(values_only=True))
    assert compared[1] == ("Travel", "EUR", 1000, 1300, 300, 30)
    assert compared[2] == ("Interpreting", "EUR", 500, 150, -350, -70)
    assert compared[3][0] == "Total" and compared[3][5] == -3.3
