"""Queries over aid deliveries."""

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from partnership.aid.models import AidDelivery
from partnership.events.queries import event_list

_events = event_list(AidDelivery)


def aid_list(text: str) -> Select:
    """Aid deliveries, newest first, with the organisations and programme the list names."""
    return _events(text).options(
        selectinload(AidDelivery.sender),
        selectinload(AidDelivery.recipient),
        selectinload(AidDelivery.paid_by_programme),
        selectinload(AidDelivery.paid_by),
    )
