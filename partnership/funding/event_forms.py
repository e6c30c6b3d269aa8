"""Forms on an event's funding page: its receipts and its participants."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, DecimalField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from partnership.forms import NO_CHOICE, NotesField, RecordField, enum_choices
from partnership.funding.days_field import DaysField
from partnership.funding.forms import currency_field
from partnership.funding.models import AgeGroup, Gender, ParticipantOrigin
from partnership.funding.queries import budget_line_choices
from partnership.imports.forms import delimiter_field
from partnership.lookup.fields import CountryField
from partnership.partners.queries import city_choices
from partnership.people.queries import contact_choices

# A page lists at most this many participants to tick; more sent are not read.
MAX_TICKED = 1000


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


def _optional_choice(label, enum_class) -> SelectField:
    # An unknown value is refused by the service, with its message next to the field.
    return SelectField(
        label,
        choices=[SelectChoice("", _l("Not recorded")), *enum_choices(enum_class)],
        validate_choice=False,
    )


class ParticipantForm(FlaskForm):
    """Someone on an event's participant list; the days offered depend on the event."""

    contact_id = RecordField(_l("Contact"), choices=contact_choices)
    name = StringField(
        _l("…or just a name"),
        validators=[Length(max=200)],
        filters=[_strip],
        description=_l("As written on the participant list."),
    )
    organisation = StringField(_l("Organisation"), validators=[Length(max=300)], filters=[_strip])
    sending_city_id = RecordField(
        _l("Sending city"),
        choices=city_choices,
        description=_l("The city that sent the participant; the contact's city if empty."),
    )
    city = StringField(
        _l("Home town"),
        validators=[Length(max=200)],
        filters=[_strip],
        description=_l("Where the participant lives, if not in the sending city."),
    )
    country_code = CountryField(
        _l("Country"),
        description=_l(
            "Its name in German or English, or its code, e.g. DE or UA. Taken from the sending "
            "city or the contact if empty."
        ),
    )
    role = StringField(_l("Role"), validators=[Length(max=200)], filters=[_strip])
    origin = SelectField(
        _l("Taking part as"),
        choices=[
            SelectChoice(ParticipantOrigin.LOCAL.value, _l("Local participant")),
            SelectChoice(ParticipantOrigin.INTERNATIONAL.value, _l("Invited from abroad")),
        ],
        validate_choice=False,
    )
    gender = _optional_choice(_l("Gender"), Gender)
    age_group = _optional_choice(_l("Age group"), AgeGroup)
    days = DaysField(_l("Days attended"))
    signed_list = BooleanField(_l("Signed the participant list"))

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.days.set_event(event)


class ParticipantImportForm(FlaskForm):
    """A spreadsheet of participants for the event whose page it is sent from."""

    file = FileField(
        _l("Spreadsheet of participants"),
        validators=[FileRequired(_l("Choose a file to import."))],
        description=_l(
            "CSV or Excel (.xlsx); columns: Name, Organisation, City, Sending city, Country, "
            "Gender, Age group, Local or invited, Signed, Days, Role (German names too). "
            "All rows are imported, or none."
        ),
        render_kw={"accept": ".csv,.txt,.xlsx,text/csv"},
    )
    delimiter = delimiter_field()
    create_missing = BooleanField(
        _l("Create missing sending cities"),
        description=_l("Otherwise a city that matches no record is an error."),
    )
    check_only = BooleanField(_l("Only check the file, import nothing"))


def signed_ticks(values: list[str]) -> dict[int, int]:
    """Read ticked participants sent as "id:version"; what is not such a pair is skipped."""
    ticked = {}
    for value in values[:MAX_TICKED]:
        participant, _colon, version = value.partition(":")
        if _small_number(participant) and _small_number(version):
            ticked[int(participant)] = int(version)
    return ticked


def _small_number(text: str) -> bool:
    # Within a database integer on every engine.
    return text.isascii() and text.isdigit() and len(text) <= 9
