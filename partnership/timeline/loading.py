"""The events of a timeline page read as plain rows: what their entries show, nothing more.

Loaded as records, fifty events of every kind (each kind's table joined, the city, press and
texts read by three more statements, every column set on an object) cost more than building
and printing their entries. Here one statement reads the events with their city and the status
that can cancel them, one their press articles and one their texts in the reader's language.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, select

from partnership.events.models import Event, EventText
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.partners.display import reader_name
from partnership.partners.models import City
from partnership.press.models import PressArticle, event_press_article
from partnership.timeline.entries import Facts, PressFacts
from partnership.visits.models import Visit, VisitStatus


@dataclass(frozen=True)
class _City:
    """What the reader's name of a city is looked up by."""

    id: int
    name: str


def page_facts(ids: list[int], language: str) -> list[Facts]:
    """What the entries of the events `ids` show, in the order of the ids."""
    if not ids:
        return []
    event, city = Event.__table__, City.__table__
    visit, exchange = Visit.__table__, PlannedExchange.__table__
    # A city or article archived is left out, as the records' relations leave it out.
    joined = (
        event.outerjoin(visit, visit.c.id == event.c.id)
        .outerjoin(exchange, exchange.c.id == event.c.id)
        .outerjoin(city, and_(city.c.id == event.c.partner_city_id, city.c.archived_at.is_(None)))
    )
    rows = db.session.execute(
        select(
            event.c.id,
            event.c.kind,
            event.c.title,
            event.c.summary,
            event.c.date_start,
            event.c.date_end,
            event.c.date_precision,
            event.c.date_tentative,
            event.c.date_sort,
            event.c.awaiting_confirmation,
            city.c.id.label("city_id"),
            city.c.name.label("city_name"),
            visit.c.status.label("visit_status"),
            exchange.c.status.label("exchange_status"),
        )
        .select_from(joined)
        .where(event.c.id.in_(ids), event.c.archived_at.is_(None))
    ).all()
    press = _press(ids)
    texts = _texts(ids, language)
    names: dict[int, str] = {}
    found = {}
    for row in rows:
        if row.city_id is not None and row.city_id not in names:
            names[row.city_id] = reader_name(_City(row.city_id, row.city_name))
        status = _cancelled(row)
        title, summary = texts.get(row.id, (None, None))
        found[row.id] = Facts(
            id=row.id,
            kind=str(row.kind),
            title=title or row.title,
            summary=summary or row.summary or "",
            date=FuzzyDate.from_parts(
                row.date_start, row.date_end, row.date_precision, row.date_tentative
            ),
            date_sort=row.date_sort,
            city_id=row.city_id,
            city=names.get(row.city_id, ""),
            status=status,
            proposed=bool(row.awaiting_confirmation),
            press=tuple(press.get(row.id, ())),
        )
    return [found[event_id] for event_id in ids if event_id in found]


def _cancelled(row):
    """The status that cancels the event (a visit's or a planned exchange's), or None."""
    if row.visit_status == VisitStatus.CANCELLED:
        return row.visit_status
    if row.exchange_status == ExchangeStatus.CANCELLED:
        return row.exchange_status
    return None


def _press(ids: list[int]) -> dict[int, list[PressFacts]]:
    article, link = PressArticle.__table__, event_press_article
    rows = db.session.execute(
        select(
            link.c.event_id,
            article.c.outlet,
            article.c.title,
            article.c.url,
            article.c.published_on,
        )
        .join(article, article.c.id == link.c.press_article_id)
        .where(link.c.event_id.in_(ids), article.c.archived_at.is_(None))
        .order_by(link.c.event_id, article.c.id)
    )
    found = defaultdict(list)
    for row in rows:
        found[row.event_id].append(
            PressFacts(row.outlet or "", row.title, row.url or "", row.published_on)
        )
    return found


def _texts(ids: list[int], language: str) -> dict[int, tuple[str, str]]:
    """Each event's title and summary written in `language`, where the office wrote them."""
    text = EventText.__table__
    rows = db.session.execute(
        select(text.c.event_id, text.c.title, text.c.summary).where(
            text.c.event_id.in_(ids), text.c.language == language
        )
    )
    return {row.event_id: (row.title, row.summary) for row in rows}
