"""Form for contacts."""

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from partnership.forms import RecordField
from partnership.partners.queries import city_choices, organisation_choices


class ContactForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    role_title = StringField(
        "Role or title", validators=[Length(max=300)], description="e.g. Deputy mayor"
    )
    organisation_id = RecordField("Organisation", choices=organisation_choices)
    city_id = RecordField("City", choices=city_choices)
    email = EmailField(
        "Email",
        validators=[
            Optional(),
            Email(message="Enter an email address like name@example.org."),
            Length(max=254),
        ],
    )
    phone = StringField("Phone", validators=[Length(max=50)])
    languages = StringField(
        "Languages", validators=[Length(max=100)], description="e.g. uk, en, de"
    )
    notes = TextAreaField("Notes")
