"""The timeline's filters, read from the URL so a filtered view can be bookmarked or sent."""

from typing import NamedTuple

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from sqlalchemy import CompoundSelect, Select, and_, func, select, union_all
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice

from partnership.events.models import Event, EventKind, Topic, event_topic
from partnership.events.queries import chronological, involving_city_in_order, topic_choices
from partnership.events.text_filter import filter_by_text
from partnership.formatting import EVENT_KIND_LABELS
from partnership.forms import FuzzyDateField, RecordField
from partnership.i18n import current_language
from partnership.partners.queries import city_choices
from partnership.visits.models import Visit

FILTER_NAMES = ("city", "kind", "topic", "date_from", "date_to", "q")
# Made once: an alias sets up a copy of each of its table's columns, which cost more per page
# than building the rest of its statement.
_GOING_ON = Event.__table__.alias("going_on")
_HOSTED = Visit.__table__.alias("hosted")


def _kind_choices() -> list[SelectChoice]:
    """Offer every kind of event that has a description, in the order of `EventKind`."""
    described = [kind for kind in EventKind if kind.value in EVENT_KIND_LABELS]
    return [SelectChoice("", _l("All kinds"))] + [
        SelectChoice(kind.value, EVENT_KIND_LABELS[kind.value]) for kind in described
    ]


class TimelineFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: the filters are part of the address

    city = RecordField(_l("City"), choices=city_choices)
    kind = SelectField(
        _l("Kind"),
        default="",
        choices=_kind_choices,
    )
    topic = RecordField(_l("Topic"), choices=topic_choices)
    date_from = FuzzyDateField(_l("From"), description=_l("e.g. 2023 or Q3 2023"))
    date_to = FuzzyDateField(_l("To"), description=_l("e.g. 2024"))
    q = StringField(_l("Text"), description=_l("Title, summary, or a city under any of its names"))

    def active(self) -> dict[str, str]:
        """Return the filters in effect, as URL parameters."""
        return {
            name: self[name].raw_data[0]
            for name in FILTER_NAMES
            if self[name].raw_data and self[name].raw_data[0].strip() and not self[name].errors
        }


def _conditions(form: TimelineFilterForm, event) -> list:
    """The conditions of every filter but the city's, the topic's and the text's."""
    valid = form.active()
    conditions = []
    if "kind" in valid:
        conditions.append(event.kind == form.kind.data)
    if "date_from" in valid:
        conditions += going_on_from(event, form.date_from.data.start)
    if "date_to" in valid:
        conditions.append(event.date_start <= form.date_to.data.end)
    return conditions


def going_on_from(entity, start) -> list:
    """The conditions: the event ends on or after `start`, and sorts no earlier than the
    earliest sort date of all such events.

    That earliest date is read off `ix_event_date_end` (its range from `start`, both columns in
    the index); the timeline's walk then starts there, at the first event still going on at
    `start`, instead of at the first event ever (which read every earlier event).
    """
    events = _GOING_ON
    # The minimum of an expression, not of the column: for min(date_sort) both engines would
    # walk the timeline index from its first event until one ends after `start`.
    sort_date = func.coalesce(events.c.date_sort, events.c.date_end)
    earliest = (
        select(func.min(sort_date))
        .where(events.c.date_end >= start, events.c.archived_at.is_(None))
        .scalar_subquery()
    )
    return [entity.date_sort >= func.coalesce(earliest, start), entity.date_end >= start]


def timeline_ids(form: TimelineFilterForm) -> Select:
    """Select the ids of the filtered events in timeline order.

    Counting and paging over ids alone read the timeline index, not every row of every kind.
    """
    return timeline_selects(form)[0]


def timeline_selects(form: TimelineFilterForm) -> tuple[Select, Select]:
    """Select the ids of the filtered events in timeline order, and the same ids in no order.

    A page is read along the timeline's order and meets its fifty entries soon; the pager's
    count of up to a thousand and one matches need not keep that order, so the database reads
    them the shortest way (the table's own order, a topic's links), not row by row along the
    timeline index (a topic's count: 92 -> 4 ms on PostgreSQL, 12 -> 0.6 ms on SQLite).
    """
    valid = form.active()
    conditions = _conditions(form, Event)
    text = filter_by_text(select(Event.id), Event, valid.get("q", "").strip()).whereclause
    if text is not None:
        conditions.append(text)
    query = select(Event.id).where(*conditions)
    ordered, unordered = query, query
    if "topic" in valid:
        # Asked of each event walked in order; for the count, the topic's links are walked.
        of_topic = Event.topics.any(Topic.id == form.topic.data)
        ordered = query.where(of_topic)
        link = event_topic.c
        unordered = query.join(event_topic, link.event_id == Event.id)
        unordered = unordered.where(link.topic_id == form.topic.data)
        conditions.append(of_topic)
    if "city" in valid:
        # A city's timeline holds the events with it as partner and the visits it hosted.
        ordered = ordered.where(involving_city_in_order(Event, form.city.data))
        unordered = _of_city(form.city.data, conditions)
    return ordered.order_by(*chronological(Event)), unordered


def _of_city(city_id: int, conditions: list) -> CompoundSelect:
    """Select the ids of the events of the city that meet `conditions`, in no order.

    Read from the city's two indexes, its events as partner then the visits it hosted, each
    visit's event asked the rest by key, until the count has its fill: asked of every event,
    the host of each visit was looked up first (on PostgreSQL all 20,000 visits of a busy host
    hashed before counting).
    """
    as_partner = select(Event.id).where(Event.partner_city_id == city_id, *conditions)
    hosted = _HOSTED
    # An event with the city as partner and host too was counted as a partner's.
    meets_the_rest = and_(func.coalesce(Event.partner_city_id, 0) != city_id, *conditions)
    its_event = select(meets_the_rest).where(Event.id == hosted.c.id).scalar_subquery()
    as_host = select(hosted.c.id).where(hosted.c.host_city_id == city_id, its_event)
    return union_all(as_partner, as_host)


class FilterWords(NamedTuple):
    """What the filter form says in one language (see templates/timeline/_filters.html)."""

    labels: dict[str, Markup]
    hints: dict[str, str]
    kinds: list[tuple[str, str]]
    # The combobox script's texts, as `tojson` writes them into its attribute.
    lookup_texts: Markup


# Read once per language and process: the shared field macro asked each field for its label,
# hint, choices and script texts through the catalogue on every page.
_WORDS: dict[str, FilterWords] = {}


def filter_words(form: TimelineFilterForm) -> FilterWords:
    language = current_language()
    words = _WORDS.get(language)
    if words is None:
        words = _WORDS[language] = FilterWords(
            labels={field.name: Markup(field.label()) for field in form},
            hints={field.name: str(field.description) for field in form if field.description},
            kinds=[(choice.value, str(choice.label)) for choice in form.kind.choices],
            lookup_texts=_as_tojson_writes(form.city.texts),
        )
    return words


def _as_tojson_writes(value) -> Markup:
    policies = current_app.jinja_env.policies
    dumps, options = policies["json.dumps_function"], policies["json.dumps_kwargs"]
    return htmlsafe_json_dumps(value, dumps=dumps, **options)
