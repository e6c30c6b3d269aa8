"""People who log in, and what each may do."""

import enum
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from partnership.extensions import db
from partnership.modeltypes import Timestamps, enum_column

MIN_PASSWORD_LENGTH = 10


class Role(enum.StrEnum):
    # A person of a partner city: sees and proposes only within one partnership (see portal/).
    # Ranked lowest, so no role check meant for the home office lets a partner through.
    PARTNER = "partner"
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: "Role") -> bool:
        return self.rank >= needed.rank


# The roles of the home office's users; a partner user is only ever made by an invitation,
# never by a directory's group, a claim or the command line.
OFFICE_ROLES = (Role.VIEWER, Role.EDITOR, Role.ADMIN)


class User(UserMixin, Timestamps, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = enum_column(Role, default=Role.VIEWER)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    # The secret in the address of the user's calendar feed: calendar programs cannot log in.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Where the user's login is checked: "local" (the password hash here), "ldap" or "oidc".
    # A directory user's row is made at the first login so history and audit can name them.
    auth_source: Mapped[str] = mapped_column(String(16), default="local", server_default="local")
    # The directory's own stable name for the user (LDAP DN, OpenID "sub").
    external_id: Mapped[str | None] = mapped_column(String(500), unique=True)
    # The one partnership a partner user belongs to; empty for the home office's users.
    # (Added after both tables exist: partnerships refer to users through their archive mark.)
    partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership.id", use_alter=True), index=True
    )

    @property
    def is_active(self) -> bool:
        return self.active

    def set_password(self, password: str) -> None:
        # Tests may choose a cheaper method; the stored hash names its own method.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def can(self, needed: Role) -> bool:
        return self.role.allows(needed)

    def __str__(self) -> str:
        return self.name or self.email


class LoginAttempt(db.Model):
    """A failed login, kept for a short while to slow down password guessing.

    Kept in the database, not in memory, so every worker process sees the same count.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    account: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
