"""The timeline's filters, read from the URL so a filtered view can be bookmarked or sent."""

from flask_wtf import FlaskForm
from sqlalchemy import Select, select
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice

from partnership.events.models import EventKind, Topic
from partnership.events.queries import (
    any_event,
    chronological,
    filter_by_text,
    topic_choices,
    with_event_details,
)
from partnership.formatting import EVENT_KIND_LABELS
from partnership.forms import FuzzyDateField, RecordField
from partnership.partners.queries import city_choices

FILTER_NAMES = ("city", "kind", "topic", "date_from", "date_to", "q")


class TimelineFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: the filters are part of the address

    city = RecordField("Partner city", choices=city_choices)
    kind = SelectField(
        "Kind",
        default="",
        choices=[SelectChoice("", "All kinds")]
        + [SelectChoice(kind.value, EVENT_KIND_LABELS[kind.value]) for kind in EventKind],
    )
    topic = RecordField("Topic", choices=topic_choices)
    date_from = FuzzyDateField("From", description="e.g. 2023 or Q3 2023")
    date_to = FuzzyDateField("To", description="e.g. 2024")
    q = StringField("Text", description="Title, summary, or a city under any of its names")

    def active(self) -> dict[str, str]:
        """Return the filters in effect, as URL parameters."""
        return {
            name: self[name].raw_data[0]
            for name in FILTER_NAMES
            if self[name].raw_data and self[name].raw_data[0].strip() and not self[name].errors
        }


def timeline_query(form: TimelineFilterForm) -> Select:
    """Select the events the valid filters of `form` let through, in timeline order."""
    event = any_event()
    query = select(event)
    valid = form.active()
    if "city" in valid:
        query = query.where(event.partner_city_id == form.city.data)
    if "kind" in valid:
        query = query.where(event.kind == form.kind.data)
    if "topic" in valid:
        query = query.where(event.topics.any(Topic.id == form.topic.data))
    if "date_from" in valid:
        query = query.where(event.date_end >= form.date_from.data.start)
    if "date_to" in valid:
        query = query.where(event.date_start <= form.date_to.data.end)
    query = filter_by_text(query, event, valid.get("q", "").strip())
    return with_event_details(query, event).order_by(*chronological(event))
