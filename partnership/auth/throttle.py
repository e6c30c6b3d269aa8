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


def is_locked(account: str, address: str) -> bool:
    """Tell whether this account or this address has failed too often lately."""
    config = current_app.config
    return (
        _failures(LoginAttempt.account, account.strip().lower())
        >= config["LOGIN_ATTEMPTS_PER_ACCOUNT"]
        or _failures(LoginAttempt.address, address) >= config["LOGIN_ATTEMPTS_PER_ADDRESS"]
    )


def record_failure(account: str, address: str) -> None:
    # Whether the account exists is not recorded, so the lock cannot reveal it.
    db.session.add(LoginAttempt(at=_now(), account=account.strip().lower()[:254], address=address))
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < _window_start()))
    db.session.commit()


def clear_failures(account: str) -> None:
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.account == account.strip().lower()))
