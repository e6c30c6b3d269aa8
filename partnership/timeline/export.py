"""The timeline as CSV rows, read a chunk at a time so a long export never sits in memory."""

from collections.abc import Iterator

from flask import url_for
from sqlalchemy import Select, func, select

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
    event, topic, article = Event.__table__, Topic.__table__, PressArticle.__table__
    topics = event_topic.join(topic, topic.c.id == event_topic.c.topic_id)
    articles = event_press_article.join(
        article, article.c.id == event_press_article.c.press_article_id
    )
    linked = event_press_article.c.event_id == event.c.id, article.c.archived_at.is_(None)
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
            _joined(
                select(topic.c.name.label("value"))
                .select_from(topics)
                .where(event_topic.c.event_id == event.c.id, topic.c.archived_at.is_(None))
                .order_by(topic.c.name),
                ", ",
            ).label("topics"),
            _joined(
                select(article.c.title.label("value"))
                .select_from(articles)
                .where(*linked)
                .order_by(article.c.id),
                " | ",
            ).label("article_titles"),
            _joined(
                select(article.c.url.label("value"))
                .select_from(articles)
                .where(*linked, article.c.url != "")
                .order_by(article.c.id),
                " ",
            ).label("article_urls"),
        )
        .outerjoin(City, (City.id == Event.partner_city_id) & City.archived_at.is_(None))
        .where(Event.archived_at.is_(None))
    )
    row = _row_writer()
    # Plain rows straight from the connection (archived records left out above by hand):
    # building ORM rows would cost as much again as writing the CSV.
    connection = db.session.connection().execution_options(yield_per=CHUNK)
    for part in _in_index_order(query):
        for chunk in connection.execute(part).partitions():
            yield from map(row, chunk)


def _in_index_order(query: Select) -> tuple[Select, Select]:
    """The timeline's order as two walks of `ix_event_timeline`: the dated events, then the
    undated ones. Asked for at once ("undated last"), SQLite sorted every event instead: its
    index keeps the undated first."""
    order = (Event.date_sort, Event.date_precision, Event.id)
    return (
        query.where(Event.date_sort.is_not(None)).order_by(None).order_by(*order),
        query.where(Event.date_sort.is_(None)).order_by(None).order_by(*order),
    )


def _joined(values: Select, separator: str):
    """Return the `value`s of `values` for the row's event joined into one text, in order.

    The database joins them: asking for them a chunk at a time costs Python more than all
    the rest of a row.
    """
    rows = values.correlate(Event.__table__).subquery()
    return select(func.aggregate_strings(rows.c.value, separator)).scalar_subquery()


def _link_prefixes() -> dict[str, str]:
    """Return the address of each kind's detail pages up to the id."""
    # Building each link through the URL map costs more than the rest of the row.
    prefixes = {}
    for kind, endpoint in EVENT_ENDPOINTS.items():
        address = url_for(endpoint, object_id=1, _external=True)
        assert address.endswith("/1"), address
        prefixes[kind] = address[:-1]
    return prefixes


def _row_writer():
    """Return the function that turns an event's row into the row of the CSV."""
    labels = {kind: str(label) for kind, label in EVENT_KIND_LABELS.items()}
    links = _link_prefixes()
    language = current_language()
    # The five cells of a date, written once for the events in a row that share it (the rows
    # come in date order); kept for the last date only, so an export holds no more memory.
    last_date, last_cells = None, ()

    def date_cells(start, end, precision, tentative) -> tuple:
        fuzzy = FuzzyDate.from_parts(start, end, precision, tentative)
        if fuzzy is None:
            return ("", "", "", "", "no")
        return (
            fuzzy.format(language),
            fuzzy.start.isoformat(),
            fuzzy.end.isoformat(),
            fuzzy.precision,
            "yes" if fuzzy.tentative else "no",
        )

    def row(event) -> list:
        nonlocal last_date, last_cells
        (event_id, kind, title, summary, *date, city, topics, titles, urls) = event
        if date != last_date:
            last_date, last_cells = date, date_cells(*date)
        return [
            *last_cells,
            labels[kind],
            title,
            city or "",
            summary,
            topics or "",
            titles or "",
            urls or "",
            f"{links[kind]}{event_id}",
        ]

    return row
