"""The Belegliste (payments list) of a grant as PDF: planned against actual per budget line,
then every receipt grouped by budget line in date order, with each line's sum.

The receipts and line sums are those of the CSV and XLSX list (partnership/reports/payments.py)
and the plan those of the funding report (`budget_spending`), so all of them agree.

WeasyPrint holds a whole document in memory while laying it out (some 300 MB for 1,000
receipts), so a long list is rendered in parts of `PART_ROWS` receipts, each part its own
document whose footer reads "part 2 of 50 · page 3 of 45", and the parts are joined into one
file: the memory stays that of one part however many receipts there are. A list of one part
is tagged (PDF/UA-1); a list of several is not, since the joined file could carry the tags of
its first part only (see `join_pdfs`), which would hide the rest from a screen reader.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from flask_babel import force_locale
from flask_babel import gettext as _

from partnership.extensions import db
from partnership.funding.models import Grant
from partnership.funding.queries import Spending, budget_spending
from partnership.i18n import current_language
from partnership.pdf.facts import office_name
from partnership.pdf.render import join_pdfs, pdf_language, render_pdf
from partnership.reports.payments import LineSum, Receipt, grouped
from partnership.reports.selection import FundingSelection

Period = tuple[date | None, date | None]
# Receipts per rendered part: some 45 to 65 pages, about 300 MB while WeasyPrint lays them out.
PART_ROWS = 1000
ONE_DECIMAL = Decimal("0.1")


@dataclass
class Segment:
    """The receipts of one budget line within one part, and its sums if the line ends there."""

    line: str
    continued: bool = False
    receipts: list[Receipt] = field(default_factory=list)
    sums: list[LineSum] = field(default_factory=list)


def selection_for(grant_id: int, period: Period | None) -> FundingSelection:
    """Select one grant (404 if there is none) and the period, None for the whole grant."""
    grant = db.get_or_404(Grant, grant_id)
    start, end = period or (None, None)
    return FundingSelection.build(grant=grant, start=start, end=end)


def parts(items: Iterator[Receipt | LineSum], size: int) -> Iterator[list[Segment]]:
    """Cut the grouped rows into parts of at most `size` receipts, each a list of segments."""
    part: list[Segment] = []
    count, last = 0, None
    for item in items:
        if isinstance(item, LineSum):
            last.sums.append(item)
            continue
        if count == size:
            yield part
            part, count = [], 0
        if not part or last.line != item.line or last.sums:
            same_line = last is not None and last.line == item.line and not last.sums
            last = Segment(item.line, continued=same_line)
            part.append(last)
        last.receipts.append(item)
        count += 1
    yield part


def deviation(row: Spending) -> tuple[Decimal | None, Decimal | None]:
    """Return actual minus planned, in money and in per cent of the plan."""
    if row.planned is None:
        return None, None
    money = row.spent - row.planned
    percent = (money * 100 / row.planned).quantize(ONE_DECIMAL) if row.planned else None
    return money, percent


def short_date(day: date) -> str:
    """Write a receipt's date as lists of payments do: '02.05.2024', 'May 2, 2024'."""
    return format_date(day, "medium", locale=current_language())


def payments_list_pdf(
    grant_id: int, period: Period | None = None, lang: str | None = None
) -> bytes:
    """Render the grant's payments list for the period (None: the whole grant) as PDF."""
    selection = selection_for(grant_id, period)
    grant = selection.grants[0]
    language = pdf_language(lang)
    spending = budget_spending(selection.grants, selection.period)
    receipt_count = sum(row.receipts for row in spending if row.is_total)
    part_count = max(1, -(-receipt_count // PART_ROWS))
    with force_locale(language):
        common = {
            "lang": language,
            "title": _("Payments list: %(grant)s", grant=grant.reference),
            "author": office_name(),
            "description": _("Every receipt of %(grant)s by budget line", grant=str(grant)),
            "grant": grant,
            "selection": selection,
            "spending": spending,
            "deviation": deviation,
            "short_date": short_date,
            "receipt_count": receipt_count,
            "part_count": part_count,
        }
        rendered = (
            render_pdf(
                "pdf/payments.html",
                part=number,
                segments=segments,
                last=number >= part_count,
                footer_prefix=_("Part %(part)d of %(parts)d · ", part=number, parts=part_count)
                if part_count > 1
                else "",
                tagged=part_count == 1,
                **common,
            )
            for number, segments in enumerate(parts(grouped(selection), PART_ROWS), start=1)
        )
        return join_pdfs(next(rendered), rendered) if part_count > 1 else next(rendered)
