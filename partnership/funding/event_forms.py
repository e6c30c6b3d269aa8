"""Forms on an event's funding page: its receipts and its participants."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from partnership.forms import NO_CHOICE, NotesField, RecordField
from partnership.funding.forms import currency_field
from partnership.funding.models import ParticipantOrigin
from partnership.funding.queries import budget_line_choices
from partnership.lookup.fields import CountryField
from partnership.people.queries import contact_choices


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class CostItemForm(FlaskForm):
    """A receipt, booked on a budget line of one of the grants that fund the event."""

    budget_line_id = RecordField(
        _l("Budget line"),
        choices=list,
        required=True,
        invalid_choice_message=_l("Choose a budget line of a grant that pays for this event."),
    )
    paid_on = DateField(_l("Date paid"), validators=[Optional()])
    payee = StringField(_l("Payee"), validators=[Length(max=300)], filters=[_strip])
    purpose = StringField(_l("Purpose"), validators=[Length(max=500)], filters=[_strip])
    amount = DecimalField(
        _l("Amount"),
        places=2,
        validators=[InputRequired(message=_l("Enter the amount."))],
        description=_l("A refund is a negative amount."),
    )
    currency = currency_field()
    receipt_number = StringField(
        _l("Receipt number"), validators=[Length(max=100)], filters=[_strip]
    )
    grant_share = DecimalField(
        _l("Paid from the grant"),
        places=2,
        validators=[Optional()],
        description=_l("Leave empty when the grant pays all of it; the rest is our own share."),
    )
    note = NotesField(_l("Note"))

    def __init__(self, *args, event, **kwargs):
        lines = budget_line_choices(event)
        kwargs.setdefault("currency", _usual_currency(event))
        super().__init__(*args, **kwargs)
        self.budget_line_id.choices = [NO_CHOICE, *lines]


def _usual_currency(event) -> str:
    currencies = {link.grant.currency for link in event.grant_links if link.grant}
    return currencies.pop() if len(currencies) == 1 else "EUR"


class ParticipantForm(FlaskForm):
    contact_id = RecordField(_l("Contact"), choices=contact_choices)
    name = StringField(
        _l("…or just a name"),
        validators=[Length(max=200)],
        filters=[_strip],
        description=_l("As written on the participant list."),
    )
    organisation = StringField(_l("Organisation"), validators=[Length(max=300)], filters=[_strip])
    city = StringField(_l("City"), validators=[Length(max=200)], filters=[_strip])
    country_code = CountryField(
        _l("Country"),
        description=_l(
            "Its name in German or English, or its code, e.g. DE or UA. Taken from the contact "
            "if empty."
        ),
    )
    role = StringField(_l("Role"), validators=[Length(max=200)], filters=[_strip])
    origin = SelectField(
        _l("Taking part as"),
        choices=[
            SelectChoice(ParticipantOrigin.LOCAL.value, _l("Local participant")),
            SelectChoice(ParticipantOrigin.INTERNATIONAL.value, _l("Invited from abroad")),
        ],
    )
    signed_list = BooleanField(_l("Signed the participant list"))
