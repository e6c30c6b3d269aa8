"""Queries over events of every kind, in the order they happened."""

from sqlalchemy import Select, case, or_, select
from sqlalchemy.orm import selectinload, with_polymorphic
from wtforms.fields.choices import SelectChoice

from partnership.events.models import Event, Milestone, Topic
from partnership.extensions import db
from partnership.formatting import EVENT_KIND_LABELS, format_fuzzy
from partnership.forms import model_choices
from partnership.partners.queries import cities_named
from partnership.text import search_key
from partnership.visits.models import Visit

topic_choices = model_choices(Topic, order_by=Topic.name)

PRECISION_RANK = case(
    {"day": 0, "month": 1, "quarter": 2, "year": 3}, value=Event.date_precision, else_=4
)


def chronological(entity=Event) -> tuple:
    """Order by date; an imprecise date sorts after the precise ones inside its period."""
    return (entity.date_sort.is_(None), entity.date_sort, PRECISION_RANK, entity.id)


def any_event() -> type:
    return with_polymorphic(Event, "*")


def with_event_details(query: Select, entity=Event) -> Select:
    return query.options(
        selectinload(entity.partner_city),
        selectinload(entity.topics),
        selectinload(entity.press_articles),
    )


def events_involving_city(city_id: int) -> list[Event]:
    """Return every event whose partner city or host city is `city_id`, in date order."""
    event = any_event()
    query = select(event).where(
        or_(event.partner_city_id == city_id, event.Visit.host_city_id == city_id)
    )
    return db_scalars(with_event_details(query, event).order_by(*chronological(event)))


def event_choices() -> list[SelectChoice]:
    """List every event as a choice labelled with its kind, date and title."""
    events = db_scalars(select(Event).order_by(*chronological()))
    return [
        SelectChoice(e.id, f"{EVENT_KIND_LABELS[e.kind]} · {format_fuzzy(e.date)} · {e.title}")
        for e in events
    ]


def filter_by_text(query: Select, entity, text: str) -> Select:
    if not text:
        return query
    return query.where(
        or_(
            entity.search_text.contains(search_key(text), autoescape=True),
            entity.partner_city_id.in_(cities_named(text)),
        )
    )


def event_list(model) -> callable:
    """Return the list query of one kind of event, newest first, searchable by text."""

    def query(text: str) -> Select:
        base = with_event_details(select(model), model).order_by(
            *(column.desc() for column in chronological(model)[1:])
        )
        if model is Visit:
            base = base.options(selectinload(Visit.host_city), selectinload(Visit.delegation))
        return filter_by_text(base, model, text)

    return query


milestone_list = event_list(Milestone)


def topic_list(text: str) -> Select:
    query = select(Topic).options(selectinload(Topic.events)).order_by(Topic.name)
    return query.where(Topic.matches(text)) if text else query


def db_scalars(query: Select) -> list:
    return db.session.scalars(query).unique().all()


def topic_in_archive(name: str) -> bool:
    """Tell whether an archived topic already has this name."""
    query = select(Topic.id).where(Topic.name == name, Topic.archived_at.is_not(None))
    return db.session.scalar(query.execution_options(include_archived=True)) is not None
