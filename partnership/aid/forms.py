"""The form of an aid delivery: the fields every event has, and what was sent and paid."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DecimalField
from wtforms.validators import DataRequired, Optional, ValidationError

from partnership.aid.services import GOODS_LENGTH
from partnership.events.forms import EventForm, topics_field
from partnership.forms import FuzzyDateField, NotesField, RecordField
from partnership.funding.forms import currency_field, programme_choices
from partnership.partners.queries import organisation_choices


def a_value(form, field) -> None:
    """Refuse what is no amount ("NaN", "Infinity", which Python reads as numbers) or negative."""
    if field.data is None:
        return
    if not field.data.is_finite():
        raise ValidationError(_("Enter the value as a number, e.g. 12500.00."))
    if field.data < 0:
        raise ValidationError(_("The value cannot be negative."))


class AidForm(EventForm):
    date = FuzzyDateField(_l("Date"), required=True)
    goods = NotesField(
        _l("What was sent"),
        [DataRequired(message=_l("Say what was sent, e.g. two fire engines."))],
        max_length=GOODS_LENGTH,
        description=_l("e.g. two fire engines, 40 generators, a school kitchen"),
    )
    sender_id = RecordField(_l("Sent by"), choices=organisation_choices)
    recipient_id = RecordField(_l("Received by"), choices=organisation_choices)
    # The service checks the value too (every caller gets its rules); checked here as well,
    # a negative value is named together with the form's other mistakes.
    value = DecimalField(
        _l("Value"),
        places=2,
        validators=[Optional(), a_value],
    )
    currency = currency_field(default="EUR")
    paid_by_programme_id = RecordField(
        _l("Paid by the programme"),
        choices=programme_choices,
        description=_l("e.g. a federal direct-aid programme"),
    )
    paid_by_id = RecordField(
        _l("Paid by the organisation"),
        choices=organisation_choices,
        description=_l("Who paid, where no programme did (or besides it)."),
    )
    topic_ids = topics_field()
    notes = NotesField(_l("Notes"))
