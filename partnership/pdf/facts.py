"""What the head of a printed document says about an event and who pays for it."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from partnership.events.models import Event
from partnership.events.texts import event_summary, event_title
from partnership.extensions import db
from partnership.formatting import format_fuzzy
from partnership.funding.models import Grant, GrantEvent
from partnership.partners.models import City


@dataclass(frozen=True)
class EventFacts:
    """An event as a printed head names it, in the reader's language."""

    id: int
    title: str
    summary: str
    dates: str
    place: str
    partner_city: str


def place_of(event: Event) -> str:
    """Where the event happened: a visit's host city, a milestone's or stage's place."""
    host = getattr(event, "host_city", None)
    if host is not None:
        return host.name
    signed_during = getattr(event, "signed_during", None)
    if signed_during is not None and getattr(signed_during, "host_city", None) is not None:
        return signed_during.host_city.name
    return getattr(event, "place", "") or ""


def event_facts(event: Event) -> EventFacts:
    return EventFacts(
        id=event.id,
        title=event_title(event),
        summary=event_summary(event),
        dates=format_fuzzy(event.date),
        place=place_of(event),
        partner_city=event.partner_city.name if event.partner_city else "",
    )


def grants_of(event_id: int) -> list[Grant]:
    """Return the grants that pay for the event, with their funders and programmes."""
    # Joined, not loaded after: an event without grants sends the same one query.
    query = (
        select(Grant)
        .join(GrantEvent, GrantEvent.grant_id == Grant.id)
        .where(GrantEvent.event_id == event_id)
        .options(joinedload(Grant.funder), joinedload(Grant.programme))
        .order_by(Grant.reference)
    )
    return list(db.session.scalars(query))


def office_name() -> str:
    """Name the office's city, the author of every document (empty before one is set)."""
    query = select(City.name).where(City.is_home.is_(True)).order_by(City.id).limit(1)
    return db.session.scalar(query) or ""
