"""Pages for milestones and topics, and what the pages of every kind of event share."""

from flask import Blueprint
from flask_babel import ngettext
from sqlalchemy import func, select

from partnership.events import forms, queries
from partnership.events.entity import EVENT_COLUMNS, MILESTONE, TOPIC
from partnership.events.models import Event, Topic
from partnership.events.text_views import bp as texts
from partnership.extensions import db
from partnership.press.models import PressArticle
from partnership.records.pages import RecordPages

milestones = Blueprint("milestones", __name__, url_prefix="/milestones")
topics = Blueprint("topics", __name__, url_prefix="/topics")
blueprints = (milestones, topics, texts)

__all__ = ["EVENT_COLUMNS", "EventPages", "blueprints", "event_delete_warnings"]


def event_delete_warnings(event: Event) -> list[str]:
    """Say that deleting the event unlinks its press articles (which stay)."""
    linked = db.session.scalar(
        select(func.count())
        .select_from(PressArticle)
        .where(PressArticle.events.any(Event.id == event.id))
    )
    if not linked:
        return []
    # The English text fits any number; ngettext lets other languages inflect.
    return [
        ngettext(
            "Its links to %(num)d press article(s) go with it; the articles themselves stay.",
            "Its links to %(num)d press article(s) go with it; the articles themselves stay.",
            linked,
        )
    ]


class EventPages(RecordPages):
    """The pages of one kind of event: deleting one warns about its press links."""

    def delete_warnings(self, event: Event) -> list[str]:
        return event_delete_warnings(event)


class MilestonePages(EventPages):
    entity = MILESTONE
    form_class = forms.MilestoneForm


class TopicPages(RecordPages):
    entity = TOPIC
    form_class = forms.TopicForm

    def detail_context(self, topic: Topic) -> dict:
        events, total = queries.topic_events(topic.id)
        return {"events": events, "events_total": total}


MilestonePages().register(milestones)
TopicPages().register(topics)
