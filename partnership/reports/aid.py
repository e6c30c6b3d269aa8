"""The aid deliveries of a funding report: those its grants, programme or funder paid.

A delivery belongs to a report when it falls into the period and it is linked to one of the
report's grants, or was paid by the chosen programme, by the chosen funder or a programme of
that funder; a report of every grant takes every delivery whose payer is known. Rows stream
(`yield_per`), as the report's other tables do.
"""

from collections.abc import Iterator

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from partnership.aid.models import AidDelivery
from partnership.events.queries import chronological
from partnership.extensions import db
from partnership.formatting import format_fuzzy
from partnership.funding.models import GrantEvent, Programme
from partnership.reports.selection import BATCH, FundingSelection, events_in_period

AID_COLUMNS = [
    "activity id",
    "date",
    "start",
    "end",
    "title",
    "goods",
    "sender",
    "recipient",
    "partner city",
    "value",
    "currency",
    "paid by programme",
    "paid by",
    "grants",
    "summary",
    "evidence",
]
LIST_SEPARATOR = " | "


def paid_by(selection: FundingSelection):
    """Return the condition: the delivery is paid by what the report covers."""
    linked = AidDelivery.id.in_(
        select(GrantEvent.event_id).where(GrantEvent.grant_id.in_(selection.grant_ids))
    )
    if selection.one_grant:
        return linked
    if selection.programme_id is not None:
        return or_(linked, AidDelivery.paid_by_programme_id == selection.programme_id)
    if selection.funder_id is not None:
        programmes = select(Programme.id).where(Programme.funder_id == selection.funder_id)
        return or_(
            linked,
            AidDelivery.paid_by_id == selection.funder_id,
            AidDelivery.paid_by_programme_id.in_(programmes),
        )
    return or_(
        linked,
        AidDelivery.paid_by_programme_id.is_not(None),
        AidDelivery.paid_by_id.is_not(None),
    )


def _of_report(query: Select, selection: FundingSelection) -> Select:
    return events_in_period(query.where(paid_by(selection)), AidDelivery, selection)


def deliveries(selection: FundingSelection, limit: int | None = None) -> Iterator[AidDelivery]:
    """Yield the report's aid deliveries in date order, with what their rows name."""
    query = (
        select(AidDelivery)
        .options(
            selectinload(AidDelivery.partner_city),
            selectinload(AidDelivery.sender),
            selectinload(AidDelivery.recipient),
            selectinload(AidDelivery.paid_by_programme),
            selectinload(AidDelivery.paid_by),
            selectinload(AidDelivery.press_articles),
            selectinload(AidDelivery.grant_links).selectinload(GrantEvent.grant),
        )
        .order_by(*chronological(AidDelivery))
        .limit(limit)
        .execution_options(yield_per=BATCH)
    )
    with db.session.execute(_of_report(query, selection)) as result:
        yield from result.scalars()


def delivery_totals(selection: FundingSelection) -> list:
    """Count the report's deliveries per currency, with the sum of the values known and how
    many have no value."""
    query = (
        select(
            AidDelivery.currency,
            func.count(),
            func.sum(AidDelivery.value),
            func.count() - func.count(AidDelivery.value),
        )
        .group_by(AidDelivery.currency)
        .order_by(AidDelivery.currency)
    )
    return db.session.execute(_of_report(query, selection)).all()


def _name(record) -> str:
    return "" if record is None else str(record)


def delivery_row(delivery: AidDelivery, number) -> list:
    """One row of aid.csv, in the order of AID_COLUMNS."""
    fuzzy = delivery.date
    articles = delivery.press_articles
    return [
        delivery.id,
        format_fuzzy(fuzzy),
        fuzzy.start.isoformat() if fuzzy else "",
        fuzzy.end.isoformat() if fuzzy else "",
        delivery.title,
        delivery.goods,
        _name(delivery.sender),
        _name(delivery.recipient),
        _name(delivery.partner_city),
        number(delivery.value),
        delivery.currency,
        _name(delivery.paid_by_programme),
        _name(delivery.paid_by),
        LIST_SEPARATOR.join(
            sorted(link.grant.reference for link in delivery.grant_links if link.grant)
        ),
        delivery.summary,
        " ".join(article.url for article in articles if article.url),
    ]


def aid_rows(selection: FundingSelection, number) -> Iterator[list]:
    """Yield one row per aid delivery of the report, in the order of AID_COLUMNS."""
    for delivery in deliveries(selection):
        yield delivery_row(delivery, number)
