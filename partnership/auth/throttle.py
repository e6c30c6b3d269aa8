"""Slow down password guessing: too many failed logins lock an account or an address briefly."""

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from partnership.auth.models import LoginAttempt
from partnership.extensions import db


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _window_start() -> datetime:
    return _now() - timedelta(minutes=current_app.config["LOGIN_ATTEMPT_WINDOW_MINUTES"])


def _failures(column, value: str) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(column == value, LoginAttempt.at >= _window_start())
    )


def begin_attempt(account: str, address: str) -> int:
    """Count a login attempt before its password is checked; return its id.

    Counting first, committed, means guesses sent in parallel each see the others: checking
    first and counting afterwards would let every one of them pass the lock.
    """
    # Whether the account exists is not recorded, so the lock cannot reveal it.
    attempt = LoginAttempt(at=_now(), account=account.strip().lower()[:254], address=address[:64])
    db.session.add(attempt)
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < _window_start()))
    db.session.flush()
    # Read before the commit: a parallel login of the same account may delete the row at once.
    attempt_id = attempt.id
    db.session.commit()
    return attempt_id


def is_locked(account: str, address: str) -> bool:
    """Tell whether this account or this address has tried too often lately (this try included)."""
    config = current_app.config
    return (
        _failures(LoginAttempt.account, account.strip().lower())
        > config["LOGIN_ATTEMPTS_PER_ACCOUNT"]
        or _failures(LoginAttempt.address, address) > config["LOGIN_ATTEMPTS_PER_ADDRESS"]
    )


def forget_attempt(attempt_id: int) -> None:
    """Take back an attempt that says nothing about guessing (the directory was unreachable)."""
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt_id))
    db.session.commit()


def clear_failures(account: str) -> None:
    """Forget an account's attempts after it logged in."""
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.account == account.strip().lower()))
