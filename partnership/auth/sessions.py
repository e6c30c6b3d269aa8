"""Sessions kept in the database, so that ending one ends it on every worker and machine.

The cookie holds only a random key; the database keeps its hash, when it started, when it was
last used and whether it was ended. A copied cookie is worth nothing once its row says so.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app, request, session
from sqlalchemy import DateTime, ForeignKey, String, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from partnership.extensions import db

SESSION_KEY = "sid"
# Writing "last used" on every request would turn every page into a write; a minute's
# precision is plenty for an idle limit counted in minutes.
TOUCH_INTERVAL = timedelta(minutes=1)


def utcnow() -> datetime:
    """Return the current UTC time without zone, as the database columns store it."""
    return datetime.now(UTC).replace(tzinfo=None)


class UserSession(db.Model):
    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    address: Mapped[str] = mapped_column(String(64), default="")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start(user) -> None:
    """Begin a fresh session for `user` in this request's cookie (nothing from before survives)."""
    session.clear()
    key = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        UserSession(
            key_hash=_hash(key),
            user_id=user.id,
            started_at=now,
            last_seen_at=now,
            address=(request.remote_addr or "")[:64],
        )
    )
    session[SESSION_KEY] = key
    session.permanent = True


def _limits() -> tuple[timedelta, timedelta]:
    config = current_app.config
    return (
        timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
        timedelta(hours=config["SESSION_LIFETIME_HOURS"]),
    )


def current_user(user_id: int):
    """Return the user `user_id` if this request's cookie belongs to a live session of theirs,
    else None."""
    key = session.get(SESSION_KEY)
    if not isinstance(key, str):
        return None
    # The user comes in the same query: one query per request for the whole check. The caller
    # keeps the user returned (the session's identity map alone would let it go).
    from partnership.auth.models import User

    found = db.session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.key_hash == _hash(key))
    ).first()
    if found is None:
        return None
    row, user = found
    if row.user_id != user_id or row.ended_at is not None:
        return None
    idle, lifetime = _limits()
    now = utcnow()
    if now - row.last_seen_at > idle or now - row.started_at > lifetime:
        row.ended_at = now
        _commit_quietly()
        return None
    if now - row.last_seen_at > TOUCH_INTERVAL:
        row.last_seen_at = now
        _commit_quietly()
    return user


def _commit_quietly() -> None:
    # A read-only or unreachable database must not turn a page view into an error: the
    # idle clock then merely runs from the last write that succeeded.
    try:
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()


def end_current() -> None:
    """End the session of this request's cookie and forget the cookie."""
    key = session.get(SESSION_KEY)
    if isinstance(key, str):
        db.session.execute(
            update(UserSession)
            .where(UserSession.key_hash == _hash(key), UserSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )
    session.clear()


def end_all(user_id: int) -> int:
    """End every session of a user; return how many were live."""
    result = db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    return result.rowcount or 0


def end_every_session() -> int:
    """End the sessions of every user (after a restore brought back old ones)."""
    result = db.session.execute(
        update(UserSession).where(UserSession.ended_at.is_(None)).values(ended_at=utcnow())
    )
    return result.rowcount or 0


def live_count(user_id: int) -> int:
    """Count the sessions of a user that have not been ended (expiry is checked on use)."""
    from sqlalchemy import func

    return db.session.scalar(
        select(func.count())
        .select_from(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
    )
