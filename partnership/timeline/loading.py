"""The events of a timeline page read as plain rows: what their entries show, nothing more.

Loaded as records, fifty events of every kind (each kind's table joined, the city, press and
texts read by three more statements, every column set on an object) cost more than building
and printing their entries. Here one statement reads the events with their city, the status
that can cancel them, their text and their city's name in the reader's language, and one their
press articles. Both are built once, their ids a list bound at each call: built per page, fifty
literals were coerced and a cache key computed for each statement, which cost more than running
it.
"""

from collections import defaultdict

from sqlalchemy import and_, bindparam, func, select

from partnership.events.models import Event, EventText
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.partners.models import City, CityName
from partnership.press.models import PressArticle, event_press_article
from partnership.timeline.entries import Facts, PressFacts
from partnership.visits.models import Visit, VisitStatus


def _events_statement():
    event, city, text = Event.__table__, City.__table__, EventText.__table__
    visit, exchange = Visit.__table__, PlannedExchange.__table__
    other = CityName.__table__
    # The city's name in the reader's language, the first given (as `reader_name` finds it):
    # looked up for the page's few cities, where the display's lookup read every city's names.
    readers_name = (
        select(other.c.name)
        .where(other.c.city_id == city.c.id, other.c.language == bindparam("language"))
        .order_by(other.c.id)
        .limit(1)
        .scalar_subquery()
    )
    # A city or article archived is left out, as the records' relations leave it out.
    joined = (
        event.outerjoin(visit, visit.c.id == event.c.id)
        .outerjoin(exchange, exchange.c.id == event.c.id)
        .outerjoin(city, and_(city.c.id == event.c.partner_city_id, city.c.archived_at.is_(None)))
        .outerjoin(
            text,
            and_(text.c.event_id == event.c.id, text.c.language == bindparam("language")),
        )
    )
    return (
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
            city.c.id,
            func.coalesce(readers_name, city.c.name),
            visit.c.status,
            exchange.c.status,
            text.c.title,
            text.c.summary,
        )
        .select_from(joined)
        .where(event.c.id.in_(bindparam("ids", expanding=True)), event.c.archived_at.is_(None))
    )


def _press_statement():
    article, link = PressArticle.__table__, event_press_article
    return (
        select(
            link.c.event_id,
            article.c.outlet,
            article.c.title,
            article.c.url,
            article.c.published_on,
        )
        .join(article, article.c.id == link.c.press_article_id)
        .where(
            link.c.event_id.in_(bindparam("ids", expanding=True)),
            article.c.archived_at.is_(None),
        )
        .order_by(link.c.event_id, article.c.id)
    )


EVENTS, PRESS = _events_statement(), _press_statement()


def page_facts(ids: list[int], language: str) -> list[Facts]:
    """What the entries of the events `ids` show, in the order of the ids."""
    if not ids:
        return []
    # Through the session's connection: these read tables, not records, so the ORM's handling
    # of each statement (its archive criteria, its compile cache) would be work for nothing.
    connection = db.session.connection()
    rows = connection.execute(EVENTS, {"ids": ids, "language": language}).all()
    press = _press(connection, ids)
    found = {}
    for row in rows:
        (event_id, kind, title, summary, start, end, precision, tentative, date_sort) = row[:9]
        proposed, city_id, city_name, visit_status, exchange_status = row[9:14]
        found[event_id] = Facts(
            id=event_id,
            kind=str(kind),
            title=row[14] or title,
            summary=row[15] or summary or "",
            date=FuzzyDate.from_parts(start, end, precision, tentative),
            date_sort=date_sort,
            city_id=city_id,
            city=city_name or "",
            status=_cancelled(visit_status, exchange_status),
            proposed=bool(proposed),
            press=tuple(press.get(event_id, ())),
        )
    return [found[event_id] for event_id in ids if event_id in found]


def _cancelled(visit_status, exchange_status):
    """The status that cancels the event (a visit's or a planned exchange's), or None."""
    if visit_status == VisitStatus.CANCELLED:
        return visit_status
    if exchange_status == ExchangeStatus.CANCELLED:
        return exchange_status
    return None


def _press(connection, ids: list[int]) -> dict[int, list[PressFacts]]:
    found = defaultdict(list)
    for event_id, outlet, title, url, published_on in connection.execute(PRESS, {"ids": ids}):
        found[event_id].append(PressFacts(outlet or "", title, url or "", published_on))
    return found
