"""Write events of any kind from validated forms."""

from sqlalchemy import select

from partnership.events.models import Event, Milestone, Topic
from partnership.extensions import db


def save_event_basics(event: Event, form) -> None:
    """Copy the fields every event has from `form` onto `event`."""
    event.title = form.title.data.strip()
    event.partner_city_id = form.partner_city_id.data
    event.summary = (form.summary.data or "").strip()
    event.date = form.date.data
    event.notes = form.notes.data or ""
    event.topics = (
        db.session.scalars(select(Topic).where(Topic.id.in_(form.topic_ids.data))).all()
        if form.topic_ids.data
        else []
    )


def load_event_form(event: Event, form) -> None:
    form.topic_ids.data = [topic.id for topic in event.topics]


def save_milestone(milestone: Milestone, form) -> None:
    save_event_basics(milestone, form)
    milestone.milestone_kind = form.milestone_kind.data
    milestone.place = (form.place.data or "").strip()


def save_topic(topic: Topic, form) -> None:
    topic.name = form.name.data.strip()


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
