"""The admin's invitation form, and the invited person's form to open their account."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from partnership.auth.models import MIN_PASSWORD_LENGTH
from partnership.i18n import LANGUAGES
from partnership.partner_access.services import NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH


class InvitationForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(),
            Length(max=254),
            Email(message=_l("Enter a valid email address.")),
        ],
    )
    name = StringField(_l("Name"), validators=[Length(max=NAME_MAX_LENGTH)])
    language = SelectField(
        _l("Language of the e-mail"),
        description=_l("The invitation is written in this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read at each form, not at import: the languages offered are those the product has.
        self.language.choices = list(LANGUAGES.items())


class AcceptForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=NAME_MAX_LENGTH)],
        render_kw={"autocomplete": "name"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=PASSWORD_MAX_LENGTH,
                message=_l("Between %(min)d and %(max)d characters, please."),
            ),
        ],
        description=_l("At least %(num)d characters.", num=MIN_PASSWORD_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    password_again = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(),
            Length(max=PASSWORD_MAX_LENGTH),
            EqualTo("password", message=_l("The two passwords differ.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
