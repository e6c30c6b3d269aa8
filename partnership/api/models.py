"""Tokens with which the city's other systems call the API in a user's name."""

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.auth.models import User
from partnership.extensions import db
from partnership.modeltypes import enum_column


class TokenScope(enum.StrEnum):
    READ = "read"
    WRITE = "write"


class ApiToken(db.Model):
    """One token of one user; only the SHA-256 of the secret is kept, and its first characters
    to tell tokens apart on the user's page."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[TokenScope] = enum_column(TokenScope)
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
