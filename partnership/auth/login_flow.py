"""What every way of logging in ends with: a fresh session, an audit entry, the page asked for."""

from flask import flash, redirect, session
from flask_babel import gettext as _

from partnership.audit.models import AuditAction
from partnership.audit.services import record
from partnership.auth import sessions
from partnership.extensions import db
from partnership.redirects import safe_local_target

NEXT_KEY = "next_after_login"


def remember_next(target: str | None) -> None:
    """Keep where to go after a login that leaves the site first (single sign-on)."""
    session[NEXT_KEY] = safe_local_target(target)


def complete_login(user, method: str, next_target: str | None = None):
    """Log `user` in by `method`, commit, and redirect to the page they asked for."""
    from flask_login import login_user

    target = safe_local_target(next_target or session.get(NEXT_KEY))
    sessions.start(user)
    login_user(user)
    record(AuditAction.LOGIN, user=user, method=method)
    message = _("Welcome, %(name)s.", name=user)
    db.session.commit()
    flash(message, "success")
    return redirect(target)


def record_failed_login(account: str, method: str, reason: str = "") -> None:
    """Write a failed login to the audit log (never the password) and commit it."""
    record(AuditAction.LOGIN_FAILED, user=None, actor=account, method=method, detail=reason)
    db.session.commit()
