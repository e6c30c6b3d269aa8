"""Queries over aid deliveries."""

from sqlalchemy import Select
from sqlalchemy.orm import joinedload

from partnership.aid.models import AidDelivery
from partnership.events.queries import event_list

_events = event_list(AidDelivery)


def aid_list(text: str) -> Select:
    """Aid deliveries, newest first, with the organisations and programme the list names.

    Each delivery has at most one of each: joined to its row in the same statement, where a
    statement apiece made the list the one with twice the statements of the others.
    """
    return _events(text).options(
        joinedload(AidDelivery.sender),
        joinedload(AidDelivery.recipient),
        joinedload(AidDelivery.paid_by_programme),
        joinedload(AidDelivery.paid_by),
    )
