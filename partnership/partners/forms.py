"""Forms for cities, partnerships and organisations."""

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
    model_choices,
)
from partnership.lookup.fields import CountryField
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


# The cities a partnership's partner may be: any but the home city (found under any name).
partner_city_choices = model_choices(
    City,
    order_by=City.name,
    where=City.is_home.is_(False),
    name="partner_city",
    search=city_choices.match,
    detail=city_choices.detail,
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
