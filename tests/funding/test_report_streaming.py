"""A report of 100,000 receipts streams: it starts at once and its memory stays flat."""

import time
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Numeric, String, case, cast, func, insert, literal, select

from partnership.extensions import db
from partnership.funding.models import CostItem

from .reports import zip_members

ROWS = 100_000
# costs.csv of ROWS receipts is about 14 MiB; holding it, or its rows, would take far more.
PEAK_LIMIT = 5 * 1024 * 1024


@pytest.fixture
def many_receipts(app, funded):
    """Insert ROWS receipts with one INSERT … SELECT over a counting CTE (Core, any engine)."""
    numbers = select(literal(0).label("n")).cte("numbers", recursive=True)
    numbers = numbers.union_all(select(numbers.c.n + 1).where(numbers.c.n < ROWS - 1))
    n = numbers.c.n
    days = [date(2024, 1, 1) + timedelta(days=7 * week) for week in range(12)]
    receipts = select(
        literal(funded.visit),
        case((n % 2 == 0, funded.travel), else_=funded.interpreting),
        case(*((n % 12 == i, day) for i, day in enumerate(days))),
        literal("Payee «Житомир» ") + cast(n, String),
        literal("Übernachtung, Nr. ") + cast(n, String),
        cast(n % 1000, Numeric(12, 2)) - literal(Decimal("0.55"), Numeric(12, 2)),
        literal("EUR"),
        literal("R-") + cast(n, String),
        cast(n % 500, Numeric(12, 2)),
        literal(""),
    )
    columns = [
        "event_id",
        "budget_line_id",
        "paid_on",
        "payee",
        "purpose",
        "amount",
        "currency",
        "receipt_number",
        "grant_share",
        "note",
    ]
    with app.app_context():
        db.session.execute(insert(CostItem).from_select(columns, receipts))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(CostItem)) == ROWS
    return funded


def consume(response) -> tuple[int, int, float]:
    """Read a streamed response to the end; return its size, peak memory and first-chunk time."""
    started = time.perf_counter()
    first_chunk_after = None
    size = 0
    tracemalloc.start()
    try:
        for chunk in response.response:
            if first_chunk_after is None:
                first_chunk_after = time.perf_counter() - started
            size += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        response.close()
    return size, peak, first_chunk_after


def test_costs_of_100000_receipts_stream_in_flat_memory(viewer, many_receipts):
    response = viewer.get(
        "/reports/funding/costs.csv", query_string={"grant": many_receipts.grant}, buffered=False
    )
    assert response.status_code == 200
    assert response.is_streamed
    size, peak, first_chunk_after = consume(response)
    assert size > 8 * 1024 * 1024, "the export should hold every receipt"
    assert peak < PEAK_LIMIT, f"peak {peak / 2**20:.1f} MiB while streaming {size / 2**20:.1f} MiB"
    assert first_chunk_after < 1.0


def test_zip_of_100000_receipts_streams_in_flat_memory(viewer, many_receipts):
    response = viewer.get(
        "/reports/funding/report.zip",
        query_string={"grant": many_receipts.grant, "delimiter": ";"},
        buffered=False,
    )
    assert response.status_code == 200
    assert response.is_streamed
    size, peak, first_chunk_after = consume(response)
    assert size > 1024 * 1024, "the zip should hold every receipt"
    assert peak < PEAK_LIMIT, f"peak {peak / 2**20:.1f} MiB while streaming {size / 2**20:.1f} MiB"
    assert first_chunk_after < 1.0


def test_zip_of_many_receipts_reads_back(viewer, app, funded):
    with app.app_context():
        db.session.execute(
            insert(CostItem),
            [
                {
                    "event_id": funded.visit,
                    "budget_line_id": funded.travel,
                    "amount": Decimal("1.50"),
                    "grant_share": Decimal("1.00"),
                    "currency": "EUR",
                    "payee": "",
                    "purpose": f"line {n}",
                    "receipt_number": "",
                    "note": "",
                }
                for n in range(5000)
            ],
        )
        db.session.commit()
    data = viewer.get("/reports/funding/report.zip", query_string={"grant": funded.grant}).data
    costs = zip_members(data)["costs.csv"].decode("utf-8-sig").split("\r\n")
    assert len(costs) == 1 + 5000 + 1  # header, receipts, the empty rest after the last line end
