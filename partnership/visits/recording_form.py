"""One form to record a visit the day it happens: visit, delegation, press article."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from partnership.events.forms import topics_field
from partnership.forms import (
    EachItemFits,
    FuzzyDateField,
    RecordField,
    RecordsField,
    WebLinkField,
    enum_choices,
)
from partnership.partners.queries import city_choices, organisation_choices
from partnership.people.queries import contact_choices
from partnership.visits.forms import LinesField, delegation_choices, programme_field
from partnership.visits.models import Direction, VisitStatus
from partnership.visits.recording import parse_member_line

SECTIONS = {
    "visit": (
        "title",
        "direction",
        "partner_city_id",
        "host_city_id",
        "date",
        "occasion",
        "status",
        "first_official",
        "summary",
        "topic_ids",
        "new_topics",
        "programme",
    ),
    "delegation": (
        "delegation_id",
        "delegation_name",
        "origin_city_id",
        "origin_organisation_id",
        "head_id",
        "size",
        "member_ids",
        "new_members",
    ),
    "press": ("article_url", "article_title", "article_outlet", "article_published_on"),
}


class RecordVisitForm(FlaskForm):
    # The visit
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    direction = SelectField(
        _l("Direction"),
        choices=[
            SelectChoice(Direction.INCOMING.value, _l("Incoming (guests come to us)")),
            SelectChoice(Direction.OUTGOING.value, _l("Outgoing (we travel)")),
        ],
    )
    partner_city_id = RecordField(_l("Partner city"), choices=city_choices, required=True)
    host_city_id = RecordField(_l("Host city"), choices=city_choices, required=True)
    date = FuzzyDateField(_l("Dates"), required=True)
    occasion = StringField(_l("Occasion"), validators=[Length(max=300)])
    status = SelectField(_l("Status"), choices=enum_choices(VisitStatus), default=VisitStatus.DONE)
    first_official = BooleanField(_l("First official visit"))
    summary = StringField(
        _l("Summary"), validators=[Length(max=500)], description=_l("One line for the timeline.")
    )
    topic_ids = topics_field()
    new_topics = StringField(
        _l("New topics"),
        validators=[Length(max=500), EachItemFits(100, separator=",")],
        description=_l("Separated by commas."),
    )
    programme = programme_field()

    # Who travelled
    delegation_id = RecordField(
        _l("An existing delegation"),
        choices=delegation_choices,
        description=_l("Or leave empty and describe a new delegation below."),
    )
    delegation_name = StringField(
        _l("New delegation's name"),
        validators=[Length(max=300)],
        description=_l("Leave empty to name it after its city and the dates."),
    )
    origin_city_id = RecordField(_l("Comes from (city)"), choices=city_choices)
    origin_organisation_id = RecordField(
        _l("Comes from (organisation)"), choices=organisation_choices
    )
    head_id = RecordField(_l("Head of delegation"), choices=contact_choices)
    size = IntegerField(
        _l("Number of people"), validators=[Optional(), NumberRange(min=1, max=10000)]
    )
    member_ids = RecordsField(_l("Members known to us"), choices=contact_choices)
    new_members = LinesField(
        _l("New members"),
        # The name and the role each become a column of 200 characters.
        line_length=200,
        pieces=parse_member_line,
        description=_l(
            "One per line, with the role after a dash if known: "
            "“Svitlana Olshanska – deputy mayor”. Each becomes a contact."
        ),
    )

    # The press article
    article_url = WebLinkField(_l("Article's web address"))
    article_title = StringField(_l("Article's title"), validators=[Length(max=500)])
    article_outlet = StringField(_l("Outlet"), validators=[Length(max=300)])
    article_published_on = DateField(_l("Published on"), validators=[Optional()])

    def section(self, name: str):
        return [self[field] for field in SECTIONS[name]]
