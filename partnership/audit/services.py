"""Write to the audit log, and prune it after the retention period."""

import re
from datetime import timedelta

from flask import current_app, has_request_context, request
from flask_login import current_user
from sqlalchemy import delete

from partnership.audit.models import AuditAction, AuditEntry
from partnership.auth.sessions import utcnow
from partnership.extensions import db

# Line breaks and other control characters in user-supplied text (an account name typed at the
# login, a path) could otherwise make one entry read as two in a log file or a CSV.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text, limit: int) -> str:
    """Return `text` with control characters shown as escapes, cut to `limit` characters."""
    text = "" if text is None else str(text)
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)[:limit]


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
    if actor is None:
        actor = user.email if user is not None else ""
    entry = AuditEntry(
        at=utcnow(),
        action=str(action),
        user_id=user.id if user is not None else None,
        actor=clean(actor, 254),
        method=clean(method, 16),
        address=clean(request.remote_addr, 64) if has_request_context() else "",
        path=clean(request.full_path.rstrip("?"), 500) if has_request_context() else "",
        status=status,
        detail=clean(detail, 4000),
    )
    db.session.add(entry)
    return entry


def prune() -> int:
    """Delete entries older than AUDIT_RETENTION_DAYS; return how many went."""
    cutoff = utcnow() - timedelta(days=current_app.config["AUDIT_RETENTION_DAYS"])
    return db.session.execute(delete(AuditEntry).where(AuditEntry.at < cutoff)).rowcount or 0
