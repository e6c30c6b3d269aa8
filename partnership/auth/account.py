"""The user's own account: change the password, end every session everywhere."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from partnership.api import account_tokens
from partnership.audit.models import LoginMethod
from partnership.auth import services, sessions, throttle
from partnership.auth.login_flow import record_failed_login
from partnership.auth.models import MIN_PASSWORD_LENGTH
from partnership.extensions import db

bp = Blueprint("account", __name__, url_prefix="/account")


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(num)d characters.", num=MIN_PASSWORD_LENGTH),
    )
    repeat = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))],
    )


class EndSessionsForm(FlaskForm):
    """Only the form token: ending sessions takes no input."""


@bp.get("/")
def index():
    """Show the account, its sign-in method and its open sessions."""
    return _page(PasswordChangeForm())


def _page(form, status=200, **tokens):
    user = current_user._get_current_object()
    return (
        render_template(
            "auth/account.html",
            user=user,
            form=form or PasswordChangeForm(formdata=None),
            end_form=EndSessionsForm(),
            open_sessions=sessions.live_count(user.id),
            **account_tokens.context(user, **tokens),
        ),
        status,
    )


@bp.post("/password")
def change_password():
    """Set a new password; every session, this one too, ends and the user logs in again."""
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    # Someone at an unlocked screen guessing the password is counted like a failed login.
    email, address = current_user.email, request.remote_addr or ""
    attempt = throttle.begin_attempt(email, address)
    if throttle.is_locked(email, address):
        form.current.errors.append(
            _("Too many failed attempts. Please wait a quarter of an hour and try again.")
        )
    else:
        try:
            services.change_own_password(current_user, form.current.data, form.new.data)
        except services.WrongPassword as error:
            db.session.rollback()
            record_failed_login(email, LoginMethod.LOCAL, "password change")
            form.current.errors.append(str(error))
        except services.UserError as error:
            db.session.rollback()
            throttle.forget_attempt(attempt)
            form.current.errors.append(str(error))
        else:
            throttle.clear_failures(email)
            return _logged_out(_("Your password was changed. Please log in with the new one."))
    return _page(form, 422)


@bp.post("/end-sessions")
def end_sessions():
    """Log the user out everywhere: on every device, this one included."""
    if not EndSessionsForm().validate_on_submit():
        return _page(PasswordChangeForm(), 400)
    services.end_sessions(current_user, new_feed_address=True)
    return _logged_out(_("You are logged out everywhere."))


def _logged_out(message: str):
    sessions.end_current()
    logout_user()
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("auth.login"))


account_tokens.register(bp, _page)
