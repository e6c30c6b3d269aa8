"""Forms for cities, partnerships and organisations."""

from dataclasses import dataclass, replace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from partnership.forms import (
    NOTES_MAX_LENGTH,
    EachItemFits,
    FuzzyDateField,
    NotesField,
    RecordField,
    WebLinkField,
    enum_choices,
)
from partnership.lookup.fields import CountryField
from partnership.lookup.sources import LOOKUP_LIMIT, LookupSource
from partnership.lookup.sources import register as register_source
from partnership.partners.models import (
    City,
    OrganisationKind,
    PartnershipKind,
    PartnershipStatus,
)
from partnership.partners.queries import city_choices
from partnership.partners.services import parse_other_names
from partnership.people.queries import contact_choices


class CityForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    other_names = TextAreaField(
        _l("Other names"),
        validators=[
            Length(max=NOTES_MAX_LENGTH),
            EachItemFits(200, pieces=lambda line: parse_other_names(line)[0]),
        ],
        description=_l(
            "One per line, with the language first if you like: “de: Schytomyr”, “uk: Житомир”."
        ),
    )
    country_code = CountryField(_l("Country"), required=True)
    region = StringField(_l("Region"), validators=[Length(max=200)])
    is_home = BooleanField(_l("This is our home city"))
    notes = NotesField(_l("Notes"))


@dataclass(frozen=True, eq=False)
class PartnerCities(LookupSource):
    """Cities as a partner: the home city is never offered; typed or sent anyway, it is still
    read, so the form can say why it cannot be the partner instead of calling it unknown."""

    def hits(self, text: str, limit: int = LOOKUP_LIMIT) -> tuple[list, bool]:
        offered = replace(self, where=City.is_home.is_(False))
        return LookupSource.hits(offered, text, limit)


partner_city_choices = register_source(
    PartnerCities(
        name="partner_city",
        model=City,
        order_by=city_choices.order_by,
        match=city_choices.match,
        detail=city_choices.detail,
    )
)


class PartnershipForm(FlaskForm):
    home_city_id = RecordField(_l("Home city"), choices=city_choices, required=True)
    partner_city_id = RecordField(_l("Partner city"), choices=partner_city_choices, required=True)
    kind = SelectField(_l("Kind"), choices=enum_choices(PartnershipKind))
    # Left to the date, the service makes it active once the partnership has begun.
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice("", _l("From the start date")), *enum_choices(PartnershipStatus)],
        description=_l("“From the start date”: active once it has begun, planned before."),
    )
    since = FuzzyDateField(_l("Since"))
    coordinator_id = RecordField(_l("Coordinator"), choices=contact_choices)
    notes = NotesField(_l("Notes"))

    def validate_partner_city_id(self, field):
        if field.data is not None and field.data == self.home_city_id.data:
            raise ValidationError(_("A city cannot be its own partner."))


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind"), choices=enum_choices(OrganisationKind))
    city_id = RecordField(_l("City"), choices=city_choices)
    website = WebLinkField(_l("Website"), max_length=500)
    notes = NotesField(_l("Notes"))
