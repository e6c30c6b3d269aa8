"""Forms for delegations, their members, and visits."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

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
from partnership.visits.services import PROGRAMME_ITEM_LENGTH, programme_lines

delegation_choices = model_choices(Delegation, order_by=Delegation.name)


class _AsTyped:
    """A lines field as its text checks see it: the text as typed."""

    def __init__(self, field):
        self._field = field

    def __getattr__(self, name):
        return getattr(self._field, name)

    @property
    def data(self) -> str:
        return self._field._value()


class TypedLength(Length):
    """The length of a lines field's text as typed."""

    def __call__(self, form, field) -> None:
        super().__call__(form, _AsTyped(field))


class EachTypedLineFits(EachItemFits):
    """The length of each line of a lines field's text as typed."""

    def __call__(self, form, field) -> None:
        super().__call__(form, _AsTyped(field))


class LinesField(TextAreaField):
    """Items typed one per line; its data is the tuple of the non-empty lines, stripped.

    The whole text and each line (or each of its `pieces`) are checked for length as typed.
    """

    def __init__(self, label=None, validators=None, *, line_length: int, pieces=None, **kwargs):
        checks = [
            TypedLength(max=NOTES_MAX_LENGTH),
            EachTypedLineFits(line_length, pieces=pieces),
            *(validators or []),
        ]
        super().__init__(label, checks, **kwargs)

    def process_data(self, value) -> None:
        self.data = tuple(value or ())

    def process_formdata(self, valuelist) -> None:
        # A form posted without this field (a script, an older page) leaves the lines as they are.
        if valuelist:
            self.data = tuple(programme_lines(valuelist[0].splitlines()))

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else "\n".join(self.data or ())


def programme_field() -> LinesField:
    """The programme of a visit: one item per line, each kept as a programme item."""
    return LinesField(
        _l("Programme"),
        line_length=PROGRAMME_ITEM_LENGTH,
        description=_l(
            "One item per line. Start a line with its day for a day-by-day programme, "
            "e.g. “2023-09-25: Reception at the town hall” or “25.09.2023 Reception”."
        ),
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
