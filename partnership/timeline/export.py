"""The timeline as CSV rows, read a chunk at a time so a long export never sits in memory."""

from collections import defaultdict
from collections.abc import Iterator

from flask import url_for
from sqlalchemy import select

from partnership.events.models import Event, Topic, event_topic
from partnership.extensions import db
from partnership.formatting import EVENT_ENDPOINTS, EVENT_KIND_LABELS
from partnership.fuzzydate import FuzzyDate
from partnership.i18n import current_language
from partnership.partners.models import City
from partnership.press.models import PressArticle, event_press_article
from partnership.timeline.filters import TimelineFilterForm, timeline_ids

CHUNK = 1000
CSV_HEADER = [
    "date",
    "start",
    "end",
    "precision",
    "tentative",
    "kind",
    "title",
    "partner city",
    "summary",
    "topics",
    "press articles",
    "press urls",
    "link",
]


def timeline_rows(form: TimelineFilterForm) -> Iterator[list]:
    """Yield one CSV row per filtered event, in timeline order."""
    query = (
        timeline_ids(form)
        .add_columns(
            Event.kind,
            Event.title,
            Event.summary,
            Event.date_start,
            Event.date_end,
            Event.date_precision,
            Event.date_tentative,
            City.name.label("city"),
        )
        .outerjoin(City, (City.id == Event.partner_city_id) & City.archived_at.is_(None))
        .where(Event.archived_at.is_(None))
    )
    shared = {
        "labels": {kind: str(label) for kind, label in EVENT_KIND_LABELS.items()},
        "links": _link_prefixes(),
        "language": current_language(),
    }
    # Plain rows straight from the connection (archived records left out above by hand):
    # building ORM rows would cost as much again as writing the CSV.
    connection = db.session.connection().execution_options(yield_per=CHUNK)
    for chunk in connection.execute(query).partitions():
        ids = [event.id for event in chunk]
        topics, articles = _topics(ids), _articles(ids)
        for event in chunk:
            yield _row(event, shared, topics[event.id], articles[event.id])


def _link_prefixes() -> dict[str, str]:
    """Return the address of each kind's detail pages up to the id."""
    # Building each link through the URL map costs more than the rest of the row.
    prefixes = {}
    for kind, endpoint in EVENT_ENDPOINTS.items():
        address = url_for(endpoint, object_id=1, _external=True)
        assert address.endswith("/1"), address
        prefixes[kind] = address[:-1]
    return prefixes


def _row(event, shared: dict, topics: list[str], articles: list[tuple[str, str]]) -> list:
    fuzzy = FuzzyDate.from_parts(
        event.date_start, event.date_end, event.date_precision, event.date_tentative
    )
    return [
        fuzzy.format(shared["language"]) if fuzzy else "",
        fuzzy.start.isoformat() if fuzzy else "",
        fuzzy.end.isoformat() if fuzzy else "",
        fuzzy.precision if fuzzy else "",
        "yes" if fuzzy and fuzzy.tentative else "no",
        shared["labels"][event.kind],
        event.title,
        event.city or "",
        event.summary,
        ", ".join(topics),
        " | ".join(title for title, _ in articles),
        " ".join(url for _, url in articles if url),
        f"{shared['links'][event.kind]}{event.id}",
    ]


def _topics(ids: list[int]) -> defaultdict[int, list[str]]:
    found = defaultdict(list)
    topic = Topic.__table__
    query = (
        select(event_topic.c.event_id, topic.c.name)
        .join(topic, topic.c.id == event_topic.c.topic_id)
        .where(event_topic.c.event_id.in_(ids), topic.c.archived_at.is_(None))
        .order_by(topic.c.name)
    )
    for event_id, name in db.session.connection().execute(query).all():
        found[event_id].append(name)
    return found


def _articles(ids: list[int]) -> defaultdict[int, list[tuple[str, str]]]:
    found = defaultdict(list)
    article = PressArticle.__table__
    query = (
        select(event_press_article.c.event_id, article.c.title, article.c.url)
        .join(article, article.c.id == event_press_article.c.press_article_id)
        .where(event_press_article.c.event_id.in_(ids), article.c.archived_at.is_(None))
        .order_by(article.c.id)
    )
    for event_id, title, url in db.session.connection().execute(query).all():
        found[event_id].append((title, url))
    return found
