"""Write every refused request to the audit log, and prune the log now and then on a login."""

import logging

from flask import Flask, Response, g, request, session
from sqlalchemy.exc import SQLAlchemyError

from partnership.audit.models import AuditAction
from partnership.audit.services import clean, prune_if_due, record
from partnership.auth.models import User
from partnership.extensions import db

REFUSED_STATUSES = frozenset({401, 403, 429})
SESSION_ENDED = "session ended"
# What Flask-Login and the session store keep in the cookie for a logged-in user.
LOGIN_KEYS = ("_user_id", "_fresh", "_id", "sid")

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the hook that writes refusals after each request."""
    app.after_request(after_request)


def after_request(response: Response) -> Response:
    """Write a refusal or an ended session to the audit log; prune after a login."""
    actions = g.get("audit_actions", ())
    ended_user_id = _ended_session_user_id()
    refused = response.status_code in REFUSED_STATUSES
    # A failed login (401, or 429 when throttled) has its own entry naming the account.
    if refused and str(AuditAction.LOGIN_FAILED) in actions:
        refused = False
    if not (refused or ended_user_id or str(AuditAction.LOGIN) in actions):
        return response
    try:
        # Whatever the request left unfinished is not ours to commit.
        db.session.rollback()
        if ended_user_id:
            _forget_login()
            record(
                AuditAction.REFUSED,
                user=db.session.get(User, ended_user_id),
                status=response.status_code,
                detail=SESSION_ENDED,
            )
        elif refused:
            record(AuditAction.REFUSED, status=response.status_code)
        if str(AuditAction.LOGIN) in actions:
            prune_if_due()
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning(
            "audit log not written for %s %s: %s",
            request.method,
            clean(request.path, 200),
            str(error).splitlines()[0] if str(error) else type(error).__name__,
        )
    return response


def _ended_session_user_id() -> int | None:
    """Return the user id a cookie still carries although its session is over, else None."""
    user_id = session.get("_user_id")
    # Only when this request looked the user up: a static file must not cost a query.
    loaded = g.get("_login_user")
    # is_anonymous, not is_authenticated: after the request's commit, reading whether the
    # loaded user is active would be a query, and the answer must need none (see once.py).
    if loaded is None or not loaded.is_anonymous or not isinstance(user_id, str):
        return None
    return int(user_id) if user_id.isdigit() else None


def _forget_login() -> None:
    # The next request of this browser is then an anonymous one: the ending is written once.
    for key in LOGIN_KEYS:
        session.pop(key, None)
