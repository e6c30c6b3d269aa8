"""Write to the audit log, and prune it after the retention period."""

import re
from datetime import timedelta
from urllib.parse import urlencode

from flask import current_app, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from partnership.audit.models import AuditAction, AuditEntry
from partnership.auth.sessions import utcnow
from partnership.extensions import db

# Line breaks and other control characters in user-supplied text (an account name typed at the
# login, a path) could otherwise make one entry read as two in a log file or a CSV; bidirectional
# overrides could make an entry display as something else than it says.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Values of these query parameters and URL parts are secrets (a single sign-on code, a
# calendar token): the log names that one was there, never what it was.
SECRET_NAMES = frozenset(
    "code state nonce token access_token id_token refresh_token session_state password secret "
    "key ticket csrf_token".split()
)
HIDDEN = "[hidden]"
COMMAND_LINE = "command line"
# Pruning runs when the oldest entry is this much past the retention period, so it runs at
# most about once a day, whichever worker notices first, without keeping a date anywhere.
PRUNE_SLACK = timedelta(days=1)


def clean(text, limit: int) -> str:
    """Return `text` with control characters shown as escapes, cut to `limit` characters."""
    text = "" if text is None else str(text)
    return _CONTROL.sub(lambda match: _escape(ord(match.group())), text)[:limit]


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _query_pairs() -> list[tuple[str, str]]:
    return [
        (name, HIDDEN if name.lower() in SECRET_NAMES else value)
        for name, value in request.args.items(multi=True)
    ]


def request_path() -> str:
    """Return this request's path and query with secrets hidden."""
    path = request.path
    for name, value in (request.view_args or {}).items():
        if name.lower() in SECRET_NAMES and str(value):
            path = path.replace(str(value), HIDDEN)
    pairs = _query_pairs()
    return f"{path}?{urlencode(pairs, safe='[]')}" if pairs else path


def request_filter() -> str:
    """Return the filter of this request (its query) as readable text, secrets hidden."""
    return "&".join(f"{name}={value}" for name, value in _query_pairs())


def record(
    action: AuditAction,
    *,
    user=None,
    actor: str | None = None,
    method: str = "",
    status: int | None = None,
    detail: str = "",
) -> AuditEntry:
    """Add an entry for `action` by `user` (default: who is logged in) to this transaction.

    The caller commits it with the work it describes, so a rolled-back action leaves no entry.
    """
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user._get_current_object()
    if actor is None and user is not None:
        actor = user.email
    elif actor is None:
        # Outside a request nobody is logged in: the work was done by an operator's command.
        actor = "" if has_request_context() else COMMAND_LINE
    entry = AuditEntry(
        at=utcnow(),
        action=str(action),
        user_id=user.id if user is not None else None,
        actor=clean(actor, 254),
        method=clean(method, 16),
        address=clean(request.remote_addr, 64) if has_request_context() else "",
        path=clean(request_path(), 500) if has_request_context() else "",
        status=status,
        detail=clean(detail, 4000),
    )
    db.session.add(entry)
    if has_request_context():
        # Lets the refusal hook see that this request already told its own story.
        g.audit_actions = (*g.get("audit_actions", ()), str(action))
    return entry


def record_export(filename: str, *, actor: str | None = None, detail: str = "") -> None:
    """Note that `filename`, holding personal data, leaves the product; commit before it does.

    In a request the filter is the query; a command passes its own `detail`.
    """
    if has_request_context():
        detail = detail or f"{filename}; filter: {request_filter() or '-'}"
    record(
        AuditAction.EXPORT,
        actor=actor,
        status=200 if has_request_context() else None,
        detail=detail or filename,
    )
    db.session.commit()


def record_command(action: AuditAction, detail: str) -> bool:
    """Write what an operator's command did and commit; return False if the log is unwritable."""
    try:
        record(action, actor=COMMAND_LINE, detail=detail)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True


def prune() -> int:
    """Delete entries older than AUDIT_RETENTION_DAYS; return how many went."""
    cutoff = utcnow() - timedelta(days=current_app.config["AUDIT_RETENTION_DAYS"])
    return db.session.execute(delete(AuditEntry).where(AuditEntry.at < cutoff)).rowcount or 0


def prune_if_due() -> int:
    """Prune when the oldest entry is a day past the retention period; return how many went."""
    oldest = db.session.scalar(select(func.min(AuditEntry.at)))
    cutoff = utcnow() - timedelta(days=current_app.config["AUDIT_RETENTION_DAYS"])
    if oldest is None or oldest >= cutoff - PRUNE_SLACK:
        return 0
    return prune()
