"""Forms for logging in and managing users."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import TextInput

from partnership.auth.models import MIN_PASSWORD_LENGTH, Role

# No "partner": a partner user is made only by accepting an invitation (partner_access/).
ROLE_CHOICES = [
    SelectChoice(Role.VIEWER.value, _l("Viewer – reads everything")),
    SelectChoice(Role.EDITOR.value, _l("Editor – also records and changes")),
    SelectChoice(Role.ADMIN.value, _l("Admin – also manages users")),
]


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=1000)],
        render_kw={"autocomplete": "current-password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if current_app.config.get("LDAP_URL"):
            # A directory account may be named by a user name, not only by an e-mail address.
            self.email.label.text = _l("Email or user name")
            self.email.widget = TextInput()


class UserForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(),
            Length(max=254),
            Email(message=_l("Enter a valid email address.")),
        ],
    )
    name = StringField(_l("Name"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    active = BooleanField(_l("Can log in"), default=True)
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l(
            "At least %(num)d characters. Leave empty to keep the current password.",
            num=MIN_PASSWORD_LENGTH,
        ),
    )
