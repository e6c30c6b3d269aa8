"""Forms for delegations, their members, and visits."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from partnership.events.forms import EventForm, topics_field
from partnership.forms import FuzzyDateField, RecordField, enum_choices, model_choices
from partnership.partners.queries import city_choices, organisation_choices
from partnership.people.queries import contact_choices
from partnership.visits.models import Delegation, Direction, VisitStatus

delegation_choices = model_choices(Delegation, order_by=Delegation.name)


class DelegationForm(FlaskForm):
    name = StringField(
        "Name",
        validators=[DataRequired(), Length(max=300)],
        description="For example “Delegation of Zhytomyr, September 2023”.",
    )
    origin_city_id = RecordField("Comes from (city)", choices=city_choices)
    origin_organisation_id = RecordField("Comes from (organisation)", choices=organisation_choices)
    head_id = RecordField("Head of delegation", choices=contact_choices)
    size = IntegerField(
        "Number of people",
        validators=[Optional(), NumberRange(min=1, max=10000)],
        description="Known even when the members are not, e.g. 6 for a six-person delegation.",
    )
    notes = TextAreaField("Notes")


class MemberForm(FlaskForm):
    contact_id = RecordField("Person", choices=contact_choices)
    new_contact_name = StringField(
        "…or a new person's name",
        validators=[Length(max=200)],
        description="Creates a contact with this name.",
    )
    role = StringField("Role in the delegation", validators=[Length(max=200)])

    def validate_new_contact_name(self, field):
        typed = (field.data or "").strip()
        if not typed and self.contact_id.data is None:
            raise ValidationError("Choose a person or type a new person's name.")
        if typed and self.contact_id.data is not None:
            raise ValidationError("Choose a person or type a name, not both.")


class VisitForm(EventForm):
    date = FuzzyDateField("Dates", required=True)
    direction = SelectField(
        "Direction",
        choices=[
            SelectChoice(Direction.INCOMING.value, "Incoming (guests come to us)"),
            SelectChoice(Direction.OUTGOING.value, "Outgoing (we travel)"),
        ],
    )
    host_city_id = RecordField("Host city", choices=city_choices, required=True)
    delegation_id = RecordField("Delegation", choices=delegation_choices)
    occasion = StringField(
        "Occasion", validators=[Length(max=300)], description="e.g. Digitale Woche Dortmund"
    )
    status = SelectField("Status", choices=enum_choices(VisitStatus))
    first_official = BooleanField("First official visit")
    programme = TextAreaField("Programme", description="One item per line.")
    topic_ids = topics_field()
    notes = TextAreaField("Notes")
