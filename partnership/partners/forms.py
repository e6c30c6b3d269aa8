"""Forms for cities, partnerships and organisations."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from partnership.forms import FuzzyDateField, RecordField, WebLinkField, enum_choices
from partnership.partners.models import (
    OrganisationKind,
    PartnershipKind,
    PartnershipStatus,
)
from partnership.partners.queries import city_choices
from partnership.people.queries import contact_choices


class CityForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    other_names = TextAreaField(
        "Other names",
        description="One per line, with the language first if you like: "
        "“de: Schytomyr”, “uk: Житомир”.",
    )
    country_code = StringField(
        "Country",
        validators=[
            DataRequired(),
            Regexp(r"^[A-Za-z]{2}$", message="Enter the two-letter ISO 3166 code, e.g. DE or UA."),
        ],
        description="Two-letter ISO 3166 code, e.g. DE, UA.",
    )
    region = StringField("Region", validators=[Length(max=200)])
    is_home = BooleanField("This is our home city")
    notes = TextAreaField("Notes")


class PartnershipForm(FlaskForm):
    home_city_id = RecordField("Home city", choices=city_choices, required=True)
    partner_city_id = RecordField("Partner city", choices=city_choices, required=True)
    kind = SelectField("Kind", choices=enum_choices(PartnershipKind))
    status = SelectField("Status", choices=enum_choices(PartnershipStatus))
    since = FuzzyDateField("Since")
    coordinator_id = RecordField("Coordinator", choices=contact_choices)
    notes = TextAreaField("Notes")

    def validate_partner_city_id(self, field):
        if field.data is not None and field.data == self.home_city_id.data:
            raise ValidationError("A city cannot be its own partner.")


class OrganisationForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=300)])
    kind = SelectField("Kind", choices=enum_choices(OrganisationKind))
    city_id = RecordField("City", choices=city_choices)
    website = WebLinkField("Website")
    notes = TextAreaField("Notes")
