"""Forms for delegations, their members, and visits."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from partnership.events.forms import EventForm, topics_field
from partnership.forms import (
    NOTES_MAX_LENGTH,
    EachItemFits,
    FuzzyDateField,
    NotesField,
    RecordField,
    enum_choices,
    model_choices,
)
from partnership.partners.queries import city_choices, organisation_choices
from partnership.people.queries import contact_choices
from partnership.visits.models import Delegation, Direction, VisitStatus

delegation_choices = model_choices(Delegation, order_by=Delegation.name)


def programme_field() -> TextAreaField:
    """The programme of a visit: one item per line, each kept as a programme item."""
    return TextAreaField(
        _l("Programme"),
        validators=[Length(max=NOTES_MAX_LENGTH), EachItemFits(500)],
        description=_l("One item per line."),
    )


class DelegationForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("For example “Delegation of Zhytomyr, September 2023”."),
    )
    origin_city_id = RecordField(_l("Comes from (city)"), choices=city_choices)
    origin_organisation_id = RecordField(
        _l("Comes from (organisation)"), choices=organisation_choices
    )
    head_id = RecordField(_l("Head of delegation"), choices=contact_choices)
    size = IntegerField(
        _l("Number of people"),
        validators=[Optional(), NumberRange(min=1, max=10000)],
        description=_l("Known even when the members are not, e.g. 6 for a six-person delegation."),
    )
    notes = NotesField(_l("Notes"))


class MemberForm(FlaskForm):
    contact_id = RecordField(_l("Person"), choices=contact_choices)
    new_contact_name = StringField(
        _l("…or a new person's name"),
        validators=[Length(max=200)],
        description=_l("Creates a contact with this name."),
    )
    role = StringField(_l("Role in the delegation"), validators=[Length(max=200)])

    def validate_new_contact_name(self, field):
        typed = (field.data or "").strip()
        if not typed and self.contact_id.data is None:
            raise ValidationError(_("Choose a person or type a new person's name."))
        if typed and self.contact_id.data is not None:
            raise ValidationError(_("Choose a person or type a name, not both."))


class VisitForm(EventForm):
    date = FuzzyDateField(_l("Dates"), required=True)
    direction = SelectField(
        _l("Direction"),
        choices=[
            SelectChoice(Direction.INCOMING.value, _l("Incoming (guests come to us)")),
            SelectChoice(Direction.OUTGOING.value, _l("Outgoing (we travel)")),
        ],
    )
    host_city_id = RecordField(_l("Host city"), choices=city_choices, required=True)
    delegation_id = RecordField(_l("Delegation"), choices=delegation_choices)
    occasion = StringField(
        _l("Occasion"), validators=[Length(max=300)], description=_l("e.g. Digitale Woche Dortmund")
    )
    status = SelectField(_l("Status"), choices=enum_choices(VisitStatus))
    first_official = BooleanField(_l("First official visit"))
    programme = programme_field()
    topic_ids = topics_field()
    notes = NotesField(_l("Notes"))
