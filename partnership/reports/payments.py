"""The Belegliste (payments list) of a grant: every receipt paid in the period, grouped by
budget line and in date order within each line, with a sum per line; then each line's planned
amount against what was spent, with the deviation in money and in per cent.

As CSV (streamed, the separator and decimal mark as the funding report's CSV files) and as
XLSX (openpyxl's write-only mode keeps each row on disk, not in memory; dates are dates and
amounts numbers). Both read the receipts in batches, so 100,000 of them stay bounded.
"""

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO

from flask import Response, send_file
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import select

from partnership.csvfile import csv_lines
from partnership.extensions import db
from partnership.funding.models import BudgetLine, CostItem
from partnership.funding.queries import budget_spending
from partnership.i18n import current_language
from partnership.reports.selection import BATCH, FundingSelection
from partnership.reports.tables import number_writer
from partnership.streaming import streamed

ONE_DECIMAL = Decimal("0.1")
BOLD = Font(bold=True)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Receipt:
    line: str
    paid_on: date | None
    payee: str
    purpose: str
    number: str
    amount: Decimal
    currency: str
    grant_share: Decimal


@dataclass(frozen=True)
class LineSum:
    line: str
    currency: str
    amount: Decimal
    grant_share: Decimal
    count: int


@dataclass(frozen=True)
class Comparison:
    """Planned against actual for one budget line (`line` None: the grant's total)."""

    line: str | None
    currency: str
    planned: Decimal | None
    actual: Decimal

    @property
    def deviation(self) -> Decimal | None:
        return None if self.planned is None else self.actual - self.planned

    @property
    def deviation_percent(self) -> Decimal | None:
        if not self.planned:
            return None
        return (self.deviation * 100 / self.planned).quantize(ONE_DECIMAL)


def receipts(selection: FundingSelection) -> Iterator[Receipt]:
    """Yield the receipts on the grants' lines paid in the period: by line, then by date."""
    query = (
        select(
            BudgetLine.name,
            CostItem.paid_on,
            CostItem.payee,
            CostItem.purpose,
            CostItem.receipt_number,
            CostItem.amount,
            CostItem.currency,
            CostItem.grant_share,
        )
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .where(BudgetLine.grant_id.in_(selection.grant_ids))
        .order_by(
            BudgetLine.grant_id,
            BudgetLine.id,
            CostItem.paid_on.is_(None),
            CostItem.paid_on,
            CostItem.id,
        )
        .execution_options(yield_per=BATCH)
    )
    if selection.start is not None:
        query = query.where(CostItem.paid_on >= selection.start)
    if selection.end is not None:
        query = query.where(CostItem.paid_on <= selection.end)
    with db.session.execute(query) as result:
        for row in result:
            yield Receipt(*row)


def grouped(selection: FundingSelection) -> Iterator[Receipt | LineSum]:
    """Yield each line's receipts followed by its sums (one per currency paid in)."""
    current, sums = None, {}

    def line_sums():
        for currency, (amount, share, count) in sums.items():
            yield LineSum(current, currency, amount, share, count)

    for receipt in receipts(selection):
        if receipt.line != current:
            yield from line_sums()
            current, sums = receipt.line, {}
        amount, share, count = sums.get(receipt.currency, (Decimal(0), Decimal(0), 0))
        sums[receipt.currency] = (
            amount + receipt.amount,
            share + receipt.grant_share,
            count + 1,
        )
        yield receipt
    yield from line_sums()


def comparisons(selection: FundingSelection) -> list[Comparison]:
    """Planned against actual per budget line, and each grant's total, as in the budget."""
    return [
        Comparison(None if row.is_total else row.line.name, row.currency, row.planned, row.spent)
        for row in budget_spending(selection.grants, selection.period)
    ]


def receipt_header() -> list[str]:
    return [
        _("Budget line"),
        _("Date paid"),
        _("Payee"),
        _("Purpose"),
        _("Receipt number"),
        _("Amount"),
        _("Currency"),
        _("Paid from the grant"),
    ]


def comparison_header() -> list[str]:
    return [
        _("Budget line"),
        _("Currency"),
        _("Planned"),
        _("Actual"),
        _("Deviation"),
        _("Deviation %"),
    ]


def _sum_label(item: LineSum) -> str:
    return _("Sum of %(line)s (%(num)d receipts)", line=item.line, num=item.count)


def csv_rows(selection: FundingSelection, delimiter: str) -> Iterator[list]:
    """The rows after the header: receipts and line sums, a gap, then planned against actual."""
    number = number_writer(delimiter)
    for item in grouped(selection):
        if isinstance(item, LineSum):
            sums = [item.line, "", "", _sum_label(item), "", number(item.amount)]
            yield [*sums, item.currency, number(item.grant_share)]
            continue
        yield [
            item.line,
            item.paid_on.isoformat() if item.paid_on else "",
            item.payee,
            item.purpose,
            item.number,
            number(item.amount),
            item.currency,
            number(item.grant_share),
        ]
    yield []
    yield comparison_header()
    for row in comparisons(selection):
        yield [
            row.line if row.line is not None else _("Total"),
            row.currency,
            number(row.planned),
            number(row.actual),
            number(row.deviation),
            number(row.deviation_percent),
        ]


def payments_csv(selection: FundingSelection, delimiter: str) -> Iterator[str]:
    """The Belegliste as CSV text, piece by piece."""
    return csv_lines(receipt_header(), csv_rows(selection, delimiter), delimiter)


def _cell(sheet, value, number_format=None, bold=False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text, even one that starts with "="
    if number_format and value is not None:
        cell.number_format = number_format
    if bold:
        cell.font = BOLD
    return cell


def write_payments_xlsx(selection: FundingSelection, out: IO[bytes]) -> None:
    """Write the Belegliste as an XLSX workbook: receipts, and planned against actual."""
    day = "DD.MM.YYYY" if current_language() == "de" else "YYYY-MM-DD"
    money, percent = "#,##0.00", "0.0"
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Receipts"))
    sheet.append([_cell(sheet, text, bold=True) for text in receipt_header()])
    for item in grouped(selection):
        if isinstance(item, LineSum):
            sheet.append(
                [
                    _cell(sheet, item.line, bold=True),
                    None,
                    None,
                    _cell(sheet, _sum_label(item), bold=True),
                    None,
                    _cell(sheet, item.amount, money, bold=True),
                    _cell(sheet, item.currency),
                    _cell(sheet, item.grant_share, money, bold=True),
                ]
            )
            continue
        sheet.append(
            [
                _cell(sheet, item.line),
                _cell(sheet, item.paid_on, day),
                _cell(sheet, item.payee),
                _cell(sheet, item.purpose),
                _cell(sheet, item.number),
                _cell(sheet, item.amount, money),
                _cell(sheet, item.currency),
                _cell(sheet, item.grant_share, money),
            ]
        )
    plan = book.create_sheet(_("Planned and actual"))
    plan.append([_cell(plan, text, bold=True) for text in comparison_header()])
    for row in comparisons(selection):
        total = row.line is None
        plan.append(
            [
                _cell(plan, _("Total") if total else row.line, bold=total),
                _cell(plan, row.currency),
                _cell(plan, row.planned, money),
                _cell(plan, row.actual, money),
                _cell(plan, row.deviation, money),
                _cell(plan, row.deviation_percent, percent),
            ]
        )
    book.save(out)


def payments_csv_response(selection: FundingSelection, delimiter: str, filename: str) -> Response:
    """Stream the Belegliste as a CSV download."""
    return Response(
        streamed(lambda: payments_csv(selection.reloaded(), delimiter)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Type": "text/csv; charset=utf-8",
        },
    )


def payments_xlsx_response(selection: FundingSelection, filename: str) -> Response:
    """Send the Belegliste as an XLSX download, written to a temporary file first."""
    out = tempfile.TemporaryFile()  # closed (and so removed) once sent
    write_payments_xlsx(selection, out)
    out.seek(0)
    return send_file(out, mimetype=XLSX_TYPE, as_attachment=True, download_name=filename)
