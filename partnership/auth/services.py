"""Create users, check logins, and keep at least one admin."""

import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from partnership.audit.models import AuditAction
from partnership.audit.services import record
from partnership.auth import sessions
from partnership.auth.models import MIN_PASSWORD_LENGTH, Role, User
from partnership.extensions import db


class UserError(ValueError):
    """A user cannot be created or changed as asked; the message says why."""


class WrongPassword(UserError):
    """The current password given to confirm a change is not right."""


def find_user(email: str) -> User | None:
    return db.session.scalars(select(User).where(func.lower(User.email) == email.lower())).first()


_STAND_IN_HASHES: dict[str, str] = {}


def _stand_in_hash() -> str:
    # Checked when no local account matches, so a login takes as long whether or not the
    # account exists and its timing tells nobody which addresses have accounts.
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _STAND_IN_HASHES:
        _STAND_IN_HASHES[method] = generate_password_hash(secrets.token_hex(16), method=method)
    return _STAND_IN_HASHES[method]


def authenticate(email: str, password: str) -> User | None:
    """Return the active local user with this email and password, else None."""
    user = find_user(email.strip())
    if user is None or user.auth_source != "local":
        check_password_hash(_stand_in_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def create_user(email: str, password: str, role: Role, name: str = "") -> User:
    email = email.strip()
    if find_user(email) is not None:
        raise UserError(_("A user with the email %(email)s exists already.", email=email))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            _("The password needs at least %(num)d characters.", num=MIN_PASSWORD_LENGTH)
        )
    user = User(email=email, name=name.strip(), role=Role(role), active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(AuditAction.USER_CREATED, detail=f"{user.email} role={user.role}")
    return user


def other_active_admins(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, User.active, User.id != user.id)
    )


def update_user(user: User, email: str, name: str, role: Role, active: bool, password: str):
    """Change a user; refuse to leave the office without an active admin."""
    email = email.strip()
    clash = find_user(email)
    if clash is not None and clash.id != user.id:
        raise UserError(_("A user with the email %(email)s exists already.", email=email))
    losing_admin = user.role == Role.ADMIN and (Role(role) != Role.ADMIN or not active)
    if losing_admin and other_active_admins(user) == 0:
        raise UserError(_("This is the last active admin; make someone else admin first."))
    changes = _changes(user, email, name.strip(), Role(role), active, bool(password))
    ends_sessions = user.role != Role(role) or user.active != active or bool(password)
    user.email, user.name, user.role, user.active = email, name.strip(), Role(role), active
    if password:
        user.set_password(password)
    if changes:
        record(AuditAction.USER_CHANGED, detail=f"{user.email}: {', '.join(changes)}")
    # Sessions opened under the old password, role or access must not outlive the change;
    # a user enabled again starts over with a new login.
    if ends_sessions:
        end_sessions(user, new_feed_address=bool(password) or not active)


def _changes(user: User, email, name, role, active, new_password) -> list[str]:
    changes = []
    if user.email != email:
        changes.append(f"email {user.email}→{email}")
    if user.name != name:
        changes.append("name")
    if user.role != role:
        changes.append(f"role {user.role}→{role}")
    if user.active != active:
        changes.append("access " + ("granted" if active else "disabled"))
    if new_password:
        changes.append("password")
    return changes


def change_own_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one; end every session of the user."""
    if user.auth_source != "local":
        raise UserError(_("Your password is managed by your organisation's sign-in service."))
    if not user.check_password(current):
        raise WrongPassword(_("The current password is not right."))
    if len(new) < MIN_PASSWORD_LENGTH:
        raise UserError(
            _("The password needs at least %(num)d characters.", num=MIN_PASSWORD_LENGTH)
        )
    user.set_password(new)
    record(AuditAction.USER_CHANGED, user=user, detail=f"{user.email}: password")
    end_sessions(user, new_feed_address=True)


def end_sessions(user: User, new_feed_address: bool = False) -> int:
    """End every session of `user` everywhere, and note it in the audit log.

    With `new_feed_address`, the calendar feed's secret address stops working too: it is the
    one way in that needs no session.
    """
    if new_feed_address:
        user.calendar_token = None
    ended = sessions.end_all(user.id)
    record(AuditAction.SESSIONS_ENDED, detail=f"{user.email}: {ended} session(s)")
    return ended
