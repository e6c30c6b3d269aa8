"""Forms for funding programmes, grants and the events a grant pays for."""

from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from partnership.events.queries import event_choices
from partnership.forms import RecordField, model_choices
from partnership.funding.models import Programme
from partnership.partners.models import Organisation, OrganisationKind

funder_choices = model_choices(
    Organisation, order_by=Organisation.name, where=Organisation.kind == OrganisationKind.FUNDER
)
programme_choices = model_choices(Programme, order_by=Programme.name)


class ProgrammeForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=300)])
    funder_id = RecordField(
        "Funder",
        choices=funder_choices,
        required=True,
        description="Funders are organisations of the kind “funder”.",
    )
    notes = TextAreaField("Notes")


class GrantForm(FlaskForm):
    reference = StringField(
        "Reference",
        validators=[DataRequired(), Length(max=100)],
        description="The funder's reference or decision number.",
    )
    title = StringField("Title", validators=[Length(max=300)])
    funder_id = RecordField("Funder", choices=funder_choices, required=True)
    programme_id = RecordField("Programme", choices=programme_choices)
    amount = DecimalField("Amount", places=2, validators=[Optional(), NumberRange(min=0)])
    currency = StringField(
        "Currency",
        default="EUR",
        validators=[
            DataRequired(),
            Regexp(r"^[A-Za-z]{3}$", message="Enter a three-letter currency code, e.g. EUR."),
        ],
    )
    period_start = DateField("Period from", validators=[Optional()])
    period_end = DateField("Period to", validators=[Optional()])
    notes = TextAreaField("Notes")

    def validate_period_end(self, field):
        if field.data and self.period_start.data and field.data < self.period_start.data:
            raise ValidationError("The period cannot end before it starts.")

    def validate_programme_id(self, field):
        if field.data is None or self.funder_id.data is None:
            return
        from partnership.extensions import db

        programme = db.session.get(Programme, field.data)
        if programme is not None and programme.funder_id != self.funder_id.data:
            raise ValidationError("This programme belongs to another funder.")


class FundedEventForm(FlaskForm):
    event_id = RecordField("Event", choices=event_choices, required=True)
    share_percent = DecimalField(
        "Share paid by the grant (%)", places=2, validators=[Optional(), NumberRange(0, 100)]
    )
    amount = DecimalField("Amount", places=2, validators=[Optional(), NumberRange(min=0)])
    note = StringField("Note", validators=[Length(max=300)], description="e.g. largely funded")
