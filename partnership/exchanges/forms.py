"""Form for planned exchanges."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from partnership.agreements.forms import agreement_choices, visit_choices
from partnership.events.forms import EventForm, topics_field
from partnership.exchanges.models import ExchangeKind, ExchangeStatus
from partnership.forms import FuzzyDateField, NotesField, RecordField, enum_choices
from partnership.visits.models import Direction


class ExchangeForm(EventForm):
    date = FuzzyDateField(_l("Expected date"), required=True)
    exchange_kind = SelectField(_l("What is planned"), choices=enum_choices(ExchangeKind))
    direction = SelectField(_l("Direction"), choices=enum_choices(Direction))
    expected_participants = IntegerField(
        _l("Expected participants"), validators=[Optional(), NumberRange(min=1, max=100000)]
    )
    status = SelectField(_l("Status"), choices=enum_choices(ExchangeStatus))
    origin_agreement_id = RecordField(_l("Agreed in"), choices=agreement_choices)
    realised_visit_id = RecordField(
        _l("Took place as the visit"),
        choices=visit_choices,
        description=_l("When the exchange happens, record the visit and pick it here."),
    )
    topic_ids = topics_field()
    notes = NotesField(_l("Notes"))
