"""Create users, check logins, and keep at least one admin."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from partnership.auth.models import MIN_PASSWORD_LENGTH, Role, User
from partnership.extensions import db


class UserError(ValueError):
    """A user cannot be created or changed as asked; the message says why."""


def find_user(email: str) -> User | None:
    return db.session.scalars(select(User).where(func.lower(User.email) == email.lower())).first()


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with this email and password, else None."""
    user = find_user(email.strip())
    if user is None or not user.active or not user.check_password(password):
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
    user.email, user.name, user.role, user.active = email, name.strip(), Role(role), active
    if password:
        user.set_password(password)
