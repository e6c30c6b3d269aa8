"""A way to read and write the audit log, for the audit tests."""

from datetime import timedelta

import pytest
from conftest import logged_in  # noqa: F401  (the tests here import it from this folder)
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.auth.sessions import utcnow
from partnership.extensions import db


def all_entries(app, action: str | None = None) -> list[AuditEntry]:
    """Return the entries (optionally of one action), oldest first, readable outside a session."""
    with app.app_context():
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action is not None:
            query = query.where(AuditEntry.action == str(action))
        found = db.session.scalars(query).all()
        db.session.expunge_all()
        return found


def add_entries(app, *entries: dict) -> None:
    """Write entries straight to the log; `days_ago` sets how old each is."""
    with app.app_context():
        for fields in entries:
            fields = dict(fields)
            at = utcnow() - timedelta(days=fields.pop("days_ago", 0))
            fields.setdefault("action", "refused")
            db.session.add(AuditEntry(at=at, **fields))
        db.session.commit()


@pytest.fixture
def entries(app):
    """Call to read the entries written so far, optionally of one action."""
    return lambda action=None: all_entries(app, action)
