"""Form for contacts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from partnership.forms import NotesField, RecordField
from partnership.partners.queries import city_choices, organisation_choices


class ContactForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role_title = StringField(
        _l("Role or title"), validators=[Length(max=300)], description=_l("e.g. Deputy mayor")
    )
    organisation_id = RecordField(_l("Organisation"), choices=organisation_choices)
    city_id = RecordField(_l("City"), choices=city_choices)
    email = EmailField(
        _l("Email"),
        validators=[
            Optional(),
            Email(message=_l("Enter an email address like name@example.org.")),
            Length(max=254),
        ],
    )
    phone = StringField(_l("Phone"), validators=[Length(max=50)])
    languages = StringField(
        _l("Languages"), validators=[Length(max=100)], description=_l("e.g. uk, en, de")
    )
    notes = NotesField(_l("Notes"))
