"""API tokens on the user's own account page: make one (its secret shown once), revoke one."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from partnership.api import tokens
from partnership.api.entity import SCOPE_LABELS
from partnership.api.models import TokenScope
from partnership.auth.models import Role
from partnership.extensions import db


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name of the token"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("What it is for, e.g. “City website”."),
    )
    scope = SelectField(
        _l("It may"),
        default=TokenScope.READ.value,
        choices=[SelectChoice(scope.value, SCOPE_LABELS[scope.value]) for scope in TokenScope],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only someone who may change records on the pages may make a token that changes them.
        if not current_user.can(Role.EDITOR):
            self.scope.choices = self.scope.choices[:1]


class RevokeTokenForm(FlaskForm):
    """Only the form token: revoking takes no input."""


def context(user, token_form=None, new_secret=None) -> dict:
    """What the account page shows of the user's tokens."""
    return {
        "api_tokens": tokens.tokens_of(user),
        "token_form": token_form or TokenForm(formdata=None),
        "revoke_form": RevokeTokenForm(formdata=None),
        "new_secret": new_secret,
    }


def register(bp, page) -> None:
    """Add the token routes to the account blueprint; `page(form, status, **extra)` renders."""

    @bp.post("/tokens")
    def create_token():
        """Make a token and show its secret, this once: it is kept only as a hash."""
        form = TokenForm()
        if not form.validate_on_submit():
            return page(None, 422, token_form=form)
        user = current_user._get_current_object()
        _token, secret = tokens.create_token(user, form.name.data, TokenScope(form.scope.data))
        db.session.commit()
        # No redirect: the secret must not pass through the session cookie of a flash message.
        return page(None, 201, new_secret=secret)

    @bp.post("/tokens/<int:token_id>/revoke")
    def revoke_token(token_id: int):
        if not RevokeTokenForm().validate_on_submit():
            flash(_("The form had expired; nothing was changed. Please try again."), "error")
            return redirect(url_for("account.index"))
        token = tokens.revoke_token(current_user._get_current_object(), token_id)
        if token is None:
            abort(404)  # not one of this user's live tokens
        db.session.commit()
        flash(_("The token “%(name)s” was revoked.", name=token.name), "success")
        return redirect(url_for("account.index", _anchor="api-tokens"))
