"""Forms for logging in and managing users."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from partnership.auth.models import MIN_PASSWORD_LENGTH, Role

ROLE_CHOICES = [
    SelectChoice(Role.VIEWER.value, "Viewer – reads everything"),
    SelectChoice(Role.EDITOR.value, "Editor – also records and changes"),
    SelectChoice(Role.ADMIN.value, "Admin – also manages users"),
]


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


class UserForm(FlaskForm):
    email = EmailField(
        "Email", validators=[DataRequired(), Email(message="Enter a valid email address.")]
    )
    name = StringField("Name", validators=[Length(max=200)])
    role = SelectField("Role", choices=ROLE_CHOICES)
    active = BooleanField("Can log in", default=True)
    password = PasswordField(
        "Password",
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=f"At least {MIN_PASSWORD_LENGTH} characters. "
        "Leave empty to keep the current password.",
    )
