"""Events of every kind, milestones and topics, described once for every shared feature."""

from flask_babel import format_number, gettext, ngettext
from flask_babel import lazy_gettext as _l

from partnership.events import queries, services
from partnership.events.models import Event, Milestone, MilestoneKind, Topic
from partnership.formatting import format_fuzzy
from partnership.labels import describe_values, label
from partnership.records.entity import Entity, ListColumn, NavPlace, register
from partnership.records.export_cells import Cell, choice, field, fuzzy_date, named, names_of

describe_values(
    MilestoneKind,
    {
        "meeting": _l("meeting"),
        "council decision": _l("council decision"),
        "ceremony": _l("ceremony"),
        "other": _l("other"),
    },
)

# The first columns of the list of every kind of event.
EVENT_COLUMNS = (
    ListColumn(_l("Date"), lambda e: format_fuzzy(e.date)),
    ListColumn(_l("Partner city"), lambda e: e.partner_city or ""),
)

# The labels of the values every event has; each kind adds its own.
EVENT_FIELDS = {
    "title": _l("Title"),
    "date": _l("Date"),
    "partner_city_id": _l("Partner city"),
    "summary": _l("Summary"),
    "topic_ids": _l("Topics"),
    # The column of the link between an event and a topic (`event_topic`).
    "topic_id": _l("Topic"),
    "notes": _l("Notes"),
}

# Every kind of event is stored in `event` too: references to that table, and the topics an
# event is about (`event_topic`), are explained as references by events.
EVENT = register(
    Entity(
        name="events",
        model=Event,
        singular=_l("Event"),
        plural=_l("Events"),
        fields=EVENT_FIELDS,
        values=services.EventValues,
        referred=lambda n, **f: ngettext(
            "%(num)d event refers to it as %(field)s.",
            "%(num)d events refer to it as %(field)s.",
            n,
            **f,
        ),
        link_tables=("event_topic",),
    )
)

MILESTONE = register(
    Entity(
        name="milestones",
        model=Milestone,
        singular=_l("Milestone"),
        plural=_l("Milestones"),
        fields={**EVENT_FIELDS, "milestone_kind": _l("Kind"), "place": _l("Place")},
        list_query=queries.milestone_list,
        columns=(*EVENT_COLUMNS, ListColumn(_l("Kind"), lambda m: label(m.milestone_kind))),
        values=services.MilestoneValues,
        save=services.save_milestone,
        read=services.read_milestone,
        nav=NavPlace("record", 40),
        search_hint=_l("title, summary or partner city"),
        # Found through the events of the header search.
        search_detail=None,
        csv_columns=(
            ("Title", field("title")),
            ("Date", fuzzy_date()),
            ("Kind", choice("milestone_kind")),
            ("Place", field("place")),
            ("Partner city", named("partner_city")),
            ("Summary", field("summary")),
            ("Topics", names_of("topics", ", ")),
            ("Notes", field("notes")),
        ),
    )
)


def _events_counted(topic: Topic):
    """A topic's number of events, or "more than 1,000" past the list's count (see topic_list)."""
    if topic.event_count > queries.TOPIC_COUNT_CAP:
        return gettext("more than %(num)s", num=format_number(queries.TOPIC_COUNT_CAP))
    return topic.event_count


TOPIC = register(
    Entity(
        name="topics",
        model=Topic,
        singular=_l("Topic"),
        plural=_l("Topics"),
        fields={"name": _l("Name")},
        list_query=queries.topic_list,
        columns=(ListColumn(_l("Events"), _events_counted),),
        values=services.TopicValues,
        save=services.save_topic,
        read=services.read_topic,
        nav=NavPlace("record", 60),
        search_hint=_l("name"),
        search_detail=None,
        csv_columns=(
            ("Name", field("name")),
            ("Events", Cell(lambda topic: (queries.events_per_topic(),))),
        ),
    )
)
