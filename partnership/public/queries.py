"""Everything a public page shows is read here, and only what is meant for the public.

An event is public when the office published it, confirmed it (a partner's proposal is not)
and has not archived it; a partnership is public while one of its events is. Anything else
answers as if it did not exist.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from partnership.countries import country_name
from partnership.documents.models import Document, DocumentKind
from partnership.documents.thumbnails import is_image
from partnership.events.models import Event
from partnership.events.queries import any_event, involving_city, newest_first
from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent, Programme
from partnership.funding.participant_counts import participant_counts
from partnership.partners.models import City, Partnership
from partnership.press.models import PressArticle
from partnership.reports.rules import load_rule_sets
from partnership.visits.models import Visit

# Events a public page lists at a time; older ones are on the next page.
PAGE_SIZE = 30
# A feed carries the latest events only: readers poll it, they do not page through it.
FEED_SIZE = 50
WEB_LINK = ("http://", "https://")


def shown(entity=Event):
    """The condition: the event is published, confirmed by the office and not archived."""
    return and_(
        entity.published.is_(True),
        entity.awaiting_confirmation.is_(False),
        entity.archived_at.is_(None),
    )


def _of_partnership(entity, partnership: Partnership):
    return and_(shown(entity), involving_city(entity, partnership.partner_city_id))


def public_partnership(partnership_id: int) -> Partnership | None:
    """The partnership, while at least one of its events is public; None otherwise."""
    partnership = db.session.scalars(
        select(Partnership)
        .where(Partnership.id == partnership_id)
        .options(
            selectinload(Partnership.home_city).selectinload(City.names),
            selectinload(Partnership.partner_city).selectinload(City.names),
        )
    ).first()
    if partnership is None:
        return None
    first = select(Event.id).where(_of_partnership(Event, partnership)).limit(1)
    return partnership if db.session.scalar(first) is not None else None


def _with_public_details(query, event):
    return query.options(
        selectinload(event.texts),
        selectinload(event.partner_city).selectinload(City.names),
        selectinload(event.Visit.host_city).selectinload(City.names),
    )


def published_events(
    partnership: Partnership, page: int = 1, size: int = PAGE_SIZE
) -> tuple[list[Event], bool]:
    """One page of the partnership's public events, latest first, and whether more follow."""
    event = any_event()
    query = _with_public_details(
        select(event).where(_of_partnership(event, partnership)), event
    ).order_by(*newest_first(event))
    rows = db.session.scalars(query.offset((page - 1) * size).limit(size + 1)).all()
    return list(rows[:size]), len(rows) > size


def published_event_count(partnership: Partnership) -> int:
    """How many of the partnership's events are public (for the office's partnership page)."""
    query = select(func.count()).select_from(Event).where(_of_partnership(Event, partnership))
    return db.session.scalar(query)


def public_event(partnership: Partnership, event_id: int) -> Event | None:
    """The event, when it is public and belongs to the partnership; None otherwise."""
    event = any_event()
    query = _with_public_details(
        select(event).where(event.id == event_id, _of_partnership(event, partnership)), event
    ).options(selectinload(event.Visit.programme), selectinload(event.press_articles))
    return db.session.scalars(query).first()


def city_name(city: City | None, language: str) -> str:
    """The city's name in the reader's language where one is known: Житомир, Schytomyr."""
    if city is None:
        return ""
    own = next((n.name for n in city.names if n.language == language), None)
    return own or city.name


def place_of(event: Event, language: str) -> str:
    """Where the event took place: a visit's host city, a milestone's place, else the city."""
    if isinstance(event, Visit) and event.host_city is not None:
        return city_name(event.host_city, language)
    if getattr(event, "place", ""):
        return event.place
    return city_name(event.partner_city, language)


@dataclass(frozen=True)
class ProgrammeDay:
    day: date | None
    items: tuple[str, ...]


def programme_days(event: Event) -> list[ProgrammeDay]:
    """A visit's programme day by day, in date order; items without a day come last."""
    if not isinstance(event, Visit):
        return []
    by_day: dict[date | None, list[str]] = defaultdict(list)
    for item in event.programme:
        by_day[item.day].append(item.description)
    days = sorted((d for d in by_day if d is not None), key=lambda d: d)
    if None in by_day:
        days.append(None)
    return [ProgrammeDay(day, tuple(by_day[day])) for day in days]


def press_links(event: Event) -> list[PressArticle]:
    """Press articles on the event that can be opened on the web, the latest first."""
    linked = [a for a in event.press_articles if (a.url or "").lower().startswith(WEB_LINK)]
    return sorted(linked, key=lambda a: (a.published_on is None, a.published_on), reverse=True)


@dataclass(frozen=True)
class CountryCount:
    country: str
    count: int


def participants_by_country(event: Event) -> tuple[int, list[CountryCount]]:
    """How many took part, and how many from each country: numbers only, never names."""
    counts = participant_counts(event.id)
    return counts.total, [
        CountryCount(country_name(code) if code else "", n) for code, n in counts.by_country
    ]


def public_photos(event: Event) -> list[Document]:
    """The event's photos the office marked public, that a browser can show."""
    query = (
        select(Document)
        .where(
            Document.table_name == "event",
            Document.record_id == event.id,
            Document.kind == DocumentKind.PHOTO,
            Document.public.is_(True),
        )
        .order_by(Document.uploaded_at, Document.id)
    )
    return [d for d in db.session.scalars(query) if is_image(d.content_type)]


def public_photo(partnership: Partnership, document_id: int) -> Document | None:
    """A public photo of one of the partnership's public events; None for anything else."""
    document = db.session.get(Document, document_id)
    if (
        document is None
        or document.table_name != "event"
        or document.kind is not DocumentKind.PHOTO
        or not document.public
        or not is_image(document.content_type)
    ):
        return None
    return document if public_event(partnership, document.record_id) is not None else None


@dataclass(frozen=True)
class FunderStatement:
    text: str
    emblem: str


def funder_statements(event: Event, language: str) -> list[FunderStatement]:
    """The statements the grants paying for the event require, e.g. the EU's, with emblems."""
    names = db.session.scalars(
        select(Programme.rule_set)
        .join(Grant, Grant.programme_id == Programme.id)
        .join(GrantEvent, GrantEvent.grant_id == Grant.id)
        .where(
            GrantEvent.event_id == event.id,
            Programme.rule_set != "",
            Grant.archived_at.is_(None),
            Programme.archived_at.is_(None),
        )
        .distinct()
    ).all()
    if not names:
        return []
    rule_sets, _errors = load_rule_sets()
    found = []
    for name in sorted(names):
        rules = rule_sets.get(name)
        if rules is not None and rules.funder_statement:
            statement = FunderStatement(rules.statement_in(language), rules.funder_emblem)
            if statement not in found:
                found.append(statement)
    return found
