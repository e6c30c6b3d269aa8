"""Queries over events of every kind, in the order they happened."""

from sqlalchemy import Select, func, or_, select, union, union_all
from sqlalchemy.orm import selectinload, with_expression, with_polymorphic

from partnership.events.models import Event, Milestone, Topic, event_topic
from partnership.events.text_filter import filter_by_text
from partnership.exchanges.models import ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.formatting import EVENT_KIND_LABELS, format_fuzzy
from partnership.forms import model_choices
from partnership.search.fulltext import DENSE
from partnership.visits.models import Visit, VisitStatus

topic_choices = model_choices(Topic, order_by=Topic.name)
# A city page shows this many of its latest events and as many upcoming ones.
CITY_WINDOW = 25
# A topic page shows this many of its latest events; the timeline filtered by it has them all.
TOPIC_WINDOW = 50
# A topic linked to more events than this finds its latest by walking the timeline.
TOPIC_DENSE = 1000
# The topics list counts each topic's events up to this many, and says "more than" past it
# (as the lists' pager does).
TOPIC_COUNT_CAP = 1000


def chronological(entity=Event) -> tuple:
    """Order by date; an imprecise date sorts after the precise ones inside its period.

    Precisions sort by name as they do by size (day < month < quarter < year), so the order
    is plain columns that the index `ix_event_timeline` holds: pages need not sort all events.
    """
    return (entity.date_sort.asc().nulls_last(), entity.date_precision, entity.id)


def newest_first(entity=Event) -> tuple:
    """Order by date, latest first; events without a date come last."""
    return (entity.date_sort.desc().nulls_last(), entity.date_precision.desc(), entity.id.desc())


def event_label(event: Event) -> str:
    """Name an event by its kind, date and title, as a choice among many."""
    parts = (EVENT_KIND_LABELS[event.kind], format_fuzzy(event.date), event.title)
    return " · ".join(str(part) for part in parts if part)


# Events of every kind, found by their title (or summary), the latest first.
event_choices = model_choices(Event, order_by=newest_first(), label=event_label)


def any_event() -> type:
    return with_polymorphic(Event, "*")


def cancelled_event_ids() -> Select:
    """The ids of cancelled visits and exchanges: nothing happened, so nothing counts them."""
    # Uncorrelated: an outer query over events must not absorb the event table they join.
    return union(
        select(Visit.id).where(Visit.status == VisitStatus.CANCELLED).correlate(None),
        select(PlannedExchange.id)
        .where(PlannedExchange.status == ExchangeStatus.CANCELLED)
        .correlate(None),
    )


def not_cancelled(entity=Event):
    return entity.id.not_in(cancelled_event_ids())


def lacking_press(entity=Event):
    """The condition: no press article reports the event, and it was not cancelled.

    `lacks_press` says the same of one loaded event; every flag and prompt uses one of them.
    """
    return ~entity.press_articles.any() & not_cancelled(entity)


def is_cancelled(event: Event) -> bool:
    status = getattr(event, "status", None)
    return status in (VisitStatus.CANCELLED, ExchangeStatus.CANCELLED) and isinstance(
        event, Visit | PlannedExchange
    )


def lacks_press(event: Event) -> bool:
    return not event.press_articles and not is_cancelled(event)


def with_event_details(query: Select, entity=Event) -> Select:
    return query.options(
        selectinload(entity.partner_city),
        selectinload(entity.topics),
        selectinload(entity.press_articles),
        # Titles in the reader's language (see partnership.events.texts).
        selectinload(entity.texts),
    )


def involving_city(entity, city_id: int):
    """Return the condition: `city_id` is the event's partner city, or hosted the visit."""
    # One list of ids from two indexes: an OR across the event and visit tables reads them all.
    events, visits = Event.__table__, Visit.__table__
    ids = union(
        select(events.c.id).where(events.c.partner_city_id == city_id).correlate(None),
        select(visits.c.id).where(visits.c.host_city_id == city_id).correlate(None),
    )
    return entity.id.in_(ids)


# Made once: an alias sets up a copy of each of the visit table's columns, per page.
_HOSTED = Visit.__table__.alias("hosted")


def involving_city_in_order(entity, city_id: int):
    """The condition of `involving_city`, for a query walking the timeline's order.

    One question whatever the city: has it fewer than `DENSE` events? Then they are looked up
    by id and sorted (few); else the timeline index is walked in order, each event asked
    whether it is the city's (its first page is met soon): sorting a busy city's twenty
    thousand events cost more than the walk.
    """
    events, visits = Event.__table__, Visit.__table__
    ids = union_all(
        select(events.c.id).where(events.c.partner_city_id == city_id).correlate(None),
        select(visits.c.id).where(visits.c.host_city_id == city_id).correlate(None),
    )
    first = select(ids.subquery().c[0]).limit(DENSE).subquery()
    if db.session.scalar(select(func.count()).select_from(first)) < DENSE:
        return entity.id.in_(ids)
    # Its city as an expression: the column's index would lure SQLite into reading every event
    # of the city by that index (and of its visits by theirs) and sorting them.
    of_city = func.coalesce(entity.partner_city_id, 0) == city_id
    # Each event walked asks for its own visit's host by key. As a list of the city's visits,
    # PostgreSQL read the whole visit table for a busy host; as EXISTS, it hashed all of that
    # host's visits (20,000) first: a value looked up by key is asked row by row.
    visit = _HOSTED
    host = select(visit.c.host_city_id).where(visit.c.id == entity.id).scalar_subquery()
    return or_(of_city, host == city_id)


def event_list(model) -> callable:
    """Return the list query of one kind of event, newest first, searchable by text."""

    def query(text: str) -> Select:
        # What a list shows of each event: its partner city and its title in the reader's
        # language; a visit's host too. (The API reads the topics as well: api/listing.py.)
        base = select(model).options(selectinload(model.partner_city), selectinload(model.texts))
        if model is Visit:
            base = base.options(selectinload(Visit.host_city))
        return filter_by_text(base.order_by(*newest_first(model)), model, text)

    return query


milestone_list = event_list(Milestone)


def events_per_topic():
    """The number of events (not archived) that refer to the topic of the outer query.

    The links of the topic are counted in their index alone, and those of archived events
    (few, found by their own index) taken off: joining every event to ask whether it is
    archived read 100,000 rows for a page of topics.
    """
    events = Event.__table__
    links = select(func.count()).select_from(event_topic).where(event_topic.c.topic_id == Topic.id)
    archived = select(events.c.id).where(events.c.archived_at.is_not(None)).correlate(None)
    archived_links = links.where(event_topic.c.event_id.in_(archived))
    return (
        links.correlate(Topic).scalar_subquery() - archived_links.correlate(Topic).scalar_subquery()
    )


def events_per_topic_up_to(cap: int):
    """The number of events (not archived) about the topic of the outer query, up to `cap`
    and past it some number above `cap` (the list says "more than" then).

    Each topic's links are walked in their index up to `cap` + 1 plus as many as there are
    archived events, then its links to archived events taken off: the count is exact up to
    `cap`, and above it exactly when there are more than `cap` events. Counting every link
    read 200,000 index entries for a page of 20 busy topics.
    """
    events = Event.__table__
    archived = select(events.c.id).where(events.c.archived_at.is_not(None)).correlate(None)
    archived_events = select(func.count()).where(events.c.archived_at.is_not(None))
    links = select(event_topic.c.topic_id).where(event_topic.c.topic_id == Topic.id)
    first_links = links.limit(cap + 1 + archived_events.correlate(None).scalar_subquery())
    counted = select(func.count()).select_from(first_links.correlate(Topic).subquery())
    archived_links = (
        select(func.count())
        .select_from(event_topic)
        .where(event_topic.c.topic_id == Topic.id, event_topic.c.event_id.in_(archived))
    )
    return (
        counted.correlate(Topic).scalar_subquery()
        - archived_links.correlate(Topic).scalar_subquery()
    )


def topic_list(text: str) -> Select:
    """Topics by name, each with its number of events counted by the database up to
    TOPIC_COUNT_CAP + 1."""
    counted = events_per_topic_up_to(TOPIC_COUNT_CAP)
    query = select(Topic).options(with_expression(Topic.event_count, counted)).order_by(Topic.name)
    return query.where(Topic.matches(text)) if text else query


def topic_events(topic_id: int, each: int = TOPIC_WINDOW) -> tuple[list[Event], int]:
    """Return the latest `each` events about a topic in date order, and how many there are."""
    # Counted in the index of links, less those of archived events, as the topics list does.
    archived = select(Event.__table__.c.id).where(Event.__table__.c.archived_at.is_not(None))
    links = select(func.count()).select_from(event_topic).where(event_topic.c.topic_id == topic_id)
    linked = db.session.scalar(links)
    total = linked - db.session.scalar(links.where(event_topic.c.event_id.in_(archived)))
    links_of_topic = select(event_topic.c.event_id).where(event_topic.c.topic_id == topic_id)
    if linked > TOPIC_DENSE:
        # A busy topic: its latest events are met soon walking the timeline backwards.
        about = links_of_topic.where(event_topic.c.event_id == Event.id).exists()
        latest_ids = _dated_then_undated(about, each)
    else:
        # A rare one: its few events, by the index of links, sorted; the walk would be long.
        about = Event.id.in_(links_of_topic)
        latest_ids = select(Event.id).where(about).order_by(*newest_first()).limit(each)
    # Ids first, over the event table alone; then the events of every kind for those ids
    # (PostgreSQL sorted the topic's events joined to every kind's table).
    ids = db.session.scalars(latest_ids).all()
    event = any_event()
    found = db_scalars(with_event_details(select(event).where(event.id.in_(ids)), event))
    position = {event_id: number for number, event_id in enumerate(ids)}
    latest = sorted(found, key=lambda record: position[record.id])
    return latest[::-1], total


def _dated_then_undated(condition, each: int) -> Select:
    """The ids of the latest `each` events meeting `condition`, newest first, undated last.

    Dated and undated are walked apart, each along the timeline index in its own order, and
    the two short lists merged: PostgreSQL walks the index backwards with undated events
    first, so one walk in `newest_first` order made it sort every event meeting `condition`.
    """
    dated = (
        select(Event.id, Event.date_sort, Event.date_precision)
        .where(condition, Event.date_sort.is_not(None))
        .order_by(Event.date_sort.desc(), Event.date_precision.desc(), Event.id.desc())
        .limit(each)
        .subquery()
    )
    undated = (
        select(Event.id, Event.date_sort, Event.date_precision)
        .where(condition, Event.date_sort.is_(None))
        .order_by(Event.date_precision.desc(), Event.id.desc())
        .limit(each)
        .subquery()
    )
    both = union_all(select(dated), select(undated)).subquery()
    return select(both.c.id).order_by(*newest_first(both.c)).limit(each)


def db_scalars(query: Select) -> list:
    return db.session.scalars(query).unique().all()


def topic_in_archive(name: str) -> bool:
    """Tell whether an archived topic already has this name."""
    query = select(Topic.id).where(Topic.name == name, Topic.archived_at.is_not(None))
    return db.session.scalar(query.execution_options(include_archived=True)) is not None
