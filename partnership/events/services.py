"""Write events of any kind, milestones and topics from plain values."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.events.models import Event, Milestone, MilestoneKind, Topic
from partnership.events.queries import topic_in_archive
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.partners.models import City
from partnership.records.values import Invalid, existing, value_names

TITLE_LENGTH = 300
SUMMARY_LENGTH = 500
PLACE_LENGTH = 300
TOPIC_NAME_LENGTH = 100


def gone() -> str:
    return _("This record no longer exists; choose another.")


def too_long(length: int) -> str:
    return _("Use at most %(max)d characters.", max=length)


@dataclass(kw_only=True)
class EventValues:
    """What every event has; each kind's values add their own fields."""

    title: str
    date: FuzzyDate | None = None
    partner_city_id: int | None = None
    summary: str = ""
    topic_ids: list[int] = field(default_factory=list)
    notes: str = ""


def read_event(values_class, event: Event):
    """The values `event` holds now: its topics as ids, every other value by its name."""
    names = [name for name in value_names(values_class) if name != "topic_ids"]
    values = {name: getattr(event, name) for name in names}
    return values_class(**values, topic_ids=[topic.id for topic in event.topics])


def check_event_fields(values: EventValues) -> dict[str, str]:
    """Return what is wrong with the fields every event has (title, date, lengths)."""
    errors = {}
    title = (values.title or "").strip()
    if not title:
        errors["title"] = _("Enter a title.")
    elif len(title) > TITLE_LENGTH:
        errors["title"] = too_long(TITLE_LENGTH)
    if values.date is None:
        errors["date"] = _("Enter a date.")
    if len((values.summary or "").strip()) > SUMMARY_LENGTH:
        errors["summary"] = too_long(SUMMARY_LENGTH)
    return errors


def write_event_fields(event: Event, values: EventValues) -> None:
    """Copy title, partner city, summary, date, notes and topics from `values` onto `event`.

    Raise Invalid, changing nothing, when the partner city or a topic no longer exists.
    """
    existing(City, values.partner_city_id, "partner_city_id", gone())
    ids = list(dict.fromkeys(values.topic_ids or ()))
    topics = db.session.scalars(select(Topic).where(Topic.id.in_(ids))).all() if ids else []
    if len(topics) != len(ids):
        raise Invalid({"topic_ids": _("A chosen topic no longer exists; choose again.")})
    event.title = values.title.strip()
    event.partner_city_id = values.partner_city_id
    event.summary = (values.summary or "").strip()
    event.date = values.date
    event.notes = values.notes or ""
    event.topics = list(topics)


def enum_member(enum_class, value, field_name: str, errors: dict[str, str]):
    """Return `value` as a member of `enum_class`, or note in `errors` that it is none."""
    try:
        return enum_class(value)
    except ValueError:
        errors[field_name] = _("Choose one of the offered values.")
        return None


@dataclass(kw_only=True)
class MilestoneValues(EventValues):
    milestone_kind: MilestoneKind = MilestoneKind.OTHER
    place: str = ""


def read_milestone(milestone: Milestone) -> MilestoneValues:
    return read_event(MilestoneValues, milestone)


def save_milestone(milestone: Milestone, values: MilestoneValues) -> None:
    errors = check_event_fields(values)
    kind = enum_member(MilestoneKind, values.milestone_kind, "milestone_kind", errors)
    place = (values.place or "").strip()
    if len(place) > PLACE_LENGTH:
        errors["place"] = too_long(PLACE_LENGTH)
    if errors:
        raise Invalid(errors)
    write_event_fields(milestone, values)
    milestone.milestone_kind = kind
    milestone.place = place


@dataclass
class TopicValues:
    name: str


def read_topic(topic: Topic) -> TopicValues:
    return TopicValues(name=topic.name)


def save_topic(topic: Topic, values: TopicValues) -> None:
    name = (values.name or "").strip()
    if not name:
        raise Invalid({"name": _("Enter the topic's name.")})
    if len(name) > TOPIC_NAME_LENGTH:
        raise Invalid({"name": too_long(TOPIC_NAME_LENGTH)})
    if name != topic.name and topic_in_archive(name):
        raise Invalid(
            {"name": _("A topic with this name is in the archive; an admin can restore it there.")}
        )
    # A live namesake is refused by the database, and the page says it would duplicate one.
    topic.name = name


def topic_named(name: str) -> Topic:
    """Return the topic called `name`, bringing it back from the archive or creating it."""
    topic = db.session.scalars(
        select(Topic).where(Topic.name == name).execution_options(include_archived=True)
    ).first()
    if topic is None:
        topic = Topic(name=name)
        db.session.add(topic)
    elif topic.archived_at is not None:
        # A topic is only a word: using it again simply brings the archived one back.
        topic.archived_at = None
        topic.archived_by_id = None
    return topic
