"""Pages for milestones and topics, and what the pages of every kind of event share."""

from flask import Blueprint
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from sqlalchemy import select

from partnership.events import forms, queries
from partnership.events.entity import EVENT_COLUMNS, MILESTONE, TOPIC
from partnership.events.models import Event, Topic
from partnership.events.text_views import bp as texts
from partnership.press.models import PressArticle, event_press_article
from partnership.records.pages import RecordPages
from partnership.records.references import COUNT_BOUND, bounded_count

milestones = Blueprint("milestones", __name__, url_prefix="/milestones")
topics = Blueprint("topics", __name__, url_prefix="/topics")
blueprints = (milestones, topics, texts)

__all__ = ["EVENT_COLUMNS", "EventPages", "blueprints", "event_delete_warnings"]


def event_delete_warnings(event: Event) -> list[str]:
    """Say that deleting the event unlinks its press articles (which stay)."""
    # From the link table's key (event first), not through every article asking for the event.
    linked = bounded_count(
        select(PressArticle.id)
        .join(event_press_article, event_press_article.c.press_article_id == PressArticle.id)
        .where(event_press_article.c.event_id == event.id)
    )
    if not linked:
        return []
    if linked > COUNT_BOUND:
        return [
            _(
                "Its links to more than %(num)s press articles go with it; the articles "
                "themselves stay.",
                num=format_number(COUNT_BOUND),
            )
        ]
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
