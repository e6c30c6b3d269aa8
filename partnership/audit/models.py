"""One entry of the audit log, kept apart from the history of records."""

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partnership.extensions import db


class AuditAction(enum.StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login-failed"
    LOGOUT = "logout"
    SESSIONS_ENDED = "sessions-ended"
    REFUSED = "refused"
    EXPORT = "export"
    USER_CREATED = "user-created"
    USER_CHANGED = "user-changed"
    RESTORED = "restored"
    ERASED = "erased"
    BACKUP = "backup"
    INVITATION_CREATED = "invitation-created"
    INVITATION_SENT = "invitation-sent"
    INVITATION_ACCEPTED = "invitation-accepted"
    INVITATION_WITHDRAWN = "invitation-withdrawn"


class LoginMethod(enum.StrEnum):
    LOCAL = "local"
    LDAP = "ldap"
    OIDC = "oidc"


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    # The page filters by action and reads newest first: one index serves both on every engine.
    __table_args__ = (Index("ix_audit_entry_action_at", "action", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    action: Mapped[str] = mapped_column(String(32))
    # The user acting, when known; `actor` keeps the name as it was (or the account typed at a
    # failed login) so the entry still reads after the user is renamed or erased.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(String(254), default="")
    method: Mapped[str] = mapped_column(String(16), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    path: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[int | None] = mapped_column(Integer)
    # What was exported with which filter, which record was restored, what changed on a user.
    detail: Mapped[str] = mapped_column(Text, default="")
