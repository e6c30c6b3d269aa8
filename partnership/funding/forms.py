"""Forms for funding programmes, grants, their budget lines and the events a grant pays for.

They only read a request; the rules (a programme of the same funder, a period that does not
end before it starts...) are the services'.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from partnership.events.queries import event_choices
from partnership.forms import NotesField, RecordField, model_choices
from partnership.funding.models import Grant, Programme
from partnership.partners.models import Organisation, OrganisationKind
from partnership.reports.rules import rule_set_choices

funder_choices = model_choices(
    Organisation,
    order_by=Organisation.name,
    where=Organisation.kind == OrganisationKind.FUNDER,
    name="funder",
)
programme_choices = model_choices(Programme, order_by=Programme.name)
grant_choices = model_choices(Grant, order_by=Grant.reference)


def currency_field(label=None, **kwargs) -> StringField:
    return StringField(
        label or _l("Currency"),
        validators=[
            DataRequired(),
            Regexp(r"^[A-Za-z]{3}$", message=_l("Enter a three-letter currency code, e.g. EUR.")),
        ],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        **kwargs,
    )


class ProgrammeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    funder_id = RecordField(
        _l("Funder"),
        choices=funder_choices,
        required=True,
        description=_l("Funders are organisations of the kind “funder”."),
    )
    # The rule files are read when the form is shown: one an office adds appears at once.
    # The service refuses a name that is not a rule set (choices are not checked here).
    rule_set = SelectField(
        _l("Rule set"),
        choices=rule_set_choices,
        validate_choice=False,
        description=_l(
            "The funder's rules the report pack of its grants is checked against: minimum "
            "participants, evidence, receipts inside the period, allowed overspending."
        ),
    )
    notes = NotesField(_l("Notes"))


class GrantForm(FlaskForm):
    reference = StringField(
        _l("Reference"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("The funder's reference or decision number."),
    )
    title = StringField(_l("Title"), validators=[Length(max=300)])
    funder_id = RecordField(_l("Funder"), choices=funder_choices, required=True)
    programme_id = RecordField(_l("Programme"), choices=programme_choices)
    decision_date = DateField(_l("Decision date"), validators=[Optional()])
    amount = DecimalField(_l("Amount"), places=2, validators=[Optional(), NumberRange(min=0)])
    currency = currency_field(default="EUR")
    cofinancing_rate = DecimalField(
        _l("Co-financing rate (%)"),
        places=2,
        validators=[Optional(), NumberRange(0, 100)],
        description=_l("The share of the eligible costs the funder pays, e.g. 90."),
    )
    period_start = DateField(_l("Period from"), validators=[Optional()])
    period_end = DateField(_l("Period to"), validators=[Optional()])
    report_due = DateField(
        _l("Report due on"),
        validators=[Optional()],
        description=_l("When the proof of use (Verwendungsnachweis) or final report is due."),
    )
    notes = NotesField(_l("Notes"))


class BudgetLineForm(FlaskForm):
    name = StringField(
        _l("Budget line"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("e.g. Travel, Accommodation, Interpreting"),
    )
    planned_amount = DecimalField(
        _l("Planned amount"),
        places=2,
        validators=[
            InputRequired(message=_l("Enter the planned amount.")),
            NumberRange(min=0, message=_l("The planned amount cannot be negative.")),
        ],
    )


def _share_field() -> DecimalField:
    return DecimalField(
        _l("Share paid by the grant (%)"), places=2, validators=[Optional(), NumberRange(0, 100)]
    )


def _amount_field() -> DecimalField:
    return DecimalField(_l("Amount"), places=2, validators=[Optional(), NumberRange(min=0)])


def _note_field() -> StringField:
    return StringField(
        _l("Note"), validators=[Length(max=300)], description=_l("e.g. largely funded")
    )


class FundedEventForm(FlaskForm):
    """Link an event to a grant, from the grant's page."""

    event_id = RecordField(_l("Event"), choices=event_choices, required=True)
    share_percent = _share_field()
    amount = _amount_field()
    note = _note_field()


class EventGrantForm(FlaskForm):
    """Link a grant to an event, from the event's funding page."""

    grant_id = RecordField(_l("Grant"), choices=grant_choices, required=True)
    share_percent = _share_field()
    amount = _amount_field()
    note = _note_field()
