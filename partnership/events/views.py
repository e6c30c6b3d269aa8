"""Pages for milestones and topics."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.events import (
    entity,  # noqa: F401  (describes the area)
    forms,
    queries,
    services,
)
from partnership.events.models import Event, Milestone, Topic
from partnership.formatting import format_fuzzy
from partnership.labels import label

milestones = Blueprint("milestones", __name__, url_prefix="/milestones")
topics = Blueprint("topics", __name__, url_prefix="/topics")
blueprints = (milestones, topics)

EVENT_COLUMNS = [
    ListColumn(_l("Date"), lambda e: format_fuzzy(e.date)),
    ListColumn(_l("Partner city"), lambda e: e.partner_city or ""),
]


def event_delete_warnings(event: Event) -> list[str]:
    if not event.press_articles:
        return []
    # The English text fits any number; ngettext lets other languages inflect.
    return [
        ngettext(
            "Its links to %(num)d press article(s) go with it; the articles themselves stay.",
            "Its links to %(num)d press article(s) go with it; the articles themselves stay.",
            len(event.press_articles),
        )
    ]


register_pages(
    milestones,
    EntityPages(
        model=Milestone,
        singular=_l("Milestone"),
        plural=_l("Milestones"),
        form_class=forms.MilestoneForm,
        list_query=queries.milestone_list,
        columns=[*EVENT_COLUMNS, ListColumn(_l("Kind"), lambda m: label(m.milestone_kind))],
        save=services.save_milestone,
        load_form=services.load_event_form,
        delete_blockers=blocking_references,
        delete_warnings=event_delete_warnings,
        search_hint=_l("title, summary or partner city"),
    ),
)


def topic_context(topic: Topic) -> dict:
    event = queries.any_event()
    query = select(event).where(event.topics.any(Topic.id == topic.id))
    return {"events": queries.db_scalars(query.order_by(*queries.chronological(event)))}


register_pages(
    topics,
    EntityPages(
        model=Topic,
        singular=_l("Topic"),
        plural=_l("Topics"),
        form_class=forms.TopicForm,
        list_query=queries.topic_list,
        columns=[ListColumn(_l("Events"), lambda t: len(t.events))],
        save=services.save_topic,
        delete_blockers=blocking_references,
        detail_context=topic_context,
        search_hint=_l("name"),
    ),
)
