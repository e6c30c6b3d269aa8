"""Form for agreements and their parties."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField
from wtforms.validators import Optional

from partnership.agreements.models import Agreement, AgreementKind, AgreementStatus
from partnership.events.forms import EventForm, topics_field
from partnership.forms import (
    FuzzyDateField,
    NotesField,
    RecordField,
    RecordsField,
    WebLinkField,
    enum_choices,
    model_choices,
)
from partnership.partners.queries import city_choices, organisation_choices
from partnership.visits.models import Visit

visit_choices = model_choices(Visit, order_by=Visit.date_sort.desc())
agreement_choices = model_choices(Agreement, order_by=Agreement.date_sort.desc())


class AgreementForm(EventForm):
    """The parties and dates are checked by `save_agreement`, whoever sends them."""

    date = FuzzyDateField(_l("Signed on"), required=True)
    agreement_kind = SelectField(_l("Kind"), choices=enum_choices(AgreementKind))
    status = SelectField(_l("Status"), choices=enum_choices(AgreementStatus))
    party_city_ids = RecordsField(_l("Parties: cities"), choices=city_choices)
    party_organisation_ids = RecordsField(
        _l("Parties: organisations"), choices=organisation_choices
    )
    signed_during_id = RecordField(_l("Signed during the visit"), choices=visit_choices)
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    document_url = WebLinkField(_l("Link to the document"))
    topic_ids = topics_field()
    notes = NotesField(_l("Notes"))
