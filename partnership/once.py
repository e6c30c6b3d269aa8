"""One-time keys on create forms: a form sent twice (a retry, a double click) creates once."""

import re
import secrets
from datetime import UTC, datetime, timedelta

from flask import Flask, Response, flash, redirect, request
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import DateTime, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from partnership import pagecache
from partnership.extensions import db


class SubmittedForm(db.Model):
    """A create form's one-time key, stored in the same transaction as what it created."""

    __tablename__ = "submitted_form"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # Where the created record lives, so a repeat can be sent there instead of creating again.
    location: Mapped[str] = mapped_column(String(500), default="")


FIELD = "once_key"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEEP = timedelta(days=1)


def hidden_field() -> Markup:
    """Render a fresh one-time key into a create form.

    A form shown again with errors gets a new key too: nothing was saved under the old one,
    and another form on the same page must not inherit it.
    """
    key = secrets.token_urlsafe(24)
    pagecache.fresh_in_every_copy(key, lambda: secrets.token_urlsafe(24))
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, key)


def submitted_key() -> str | None:
    """Return the one-time key of the form being posted, if it carries a well-formed one."""
    key = request.form.get(FIELD, "") if request.method == "POST" else ""
    return key if KEY_PATTERN.match(key) else None


def already_saved() -> str | None:
    """Return where the record lives that this same form created before, or None."""
    key = submitted_key()
    if key is None:
        return None
    return db.session.scalar(select(SubmittedForm.location).where(SubmittedForm.key == key))


def remember(location: str) -> None:
    """Note that this form created the record at `location`; the caller commits, once.

    A form without a key (sent by a script, say) is not remembered.
    """
    if (key := submitted_key()) is None:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    db.session.execute(delete(SubmittedForm).where(SubmittedForm.at < now - KEEP))
    db.session.add(SubmittedForm(key=key, at=now, location=location))


def repeat_response(location: str) -> Response:
    """Answer a form sent again by showing what it created the first time."""
    flash(_("This form was already saved."), "info")
    return redirect(location)


def commit(location: str) -> Response | None:
    """Commit what this form created, remembered with its key.

    Return None once committed, or the answer to a repeat when the same form, sent twice at
    once, was saved by the other request in between (this one is then rolled back).
    """
    remember(location)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if repeat := saved_meanwhile():
            return repeat
        raise
    return None


def saved_meanwhile() -> Response | None:
    """After a failed commit, answer as a repeat if the same form was saved in between."""
    location = already_saved()
    return repeat_response(location) if location else None


def init_app(app: Flask) -> None:
    app.add_template_global(hidden_field, "once_key_field")
