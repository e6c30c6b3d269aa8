"""Invitations of people of a partner city to their partnership's pages."""

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.auth.models import User
from partnership.extensions import db
from partnership.partners.models import Partnership


class InvitationState(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class PartnerInvitation(db.Model):
    """A one-time link sent to a person of the partner city; only its hash is kept, so the
    database alone cannot open an account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Set once the link is used (it opens nothing after) or when an admin withdraws it.
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    partnership: Mapped[Partnership] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    accepted_user: Mapped[User | None] = relationship(foreign_keys=[accepted_user_id])

    def state_at(self, now: datetime) -> InvitationState:
        """Tell what the link does at `now`: a used or withdrawn link stays so after expiry."""
        if self.accepted_at is not None:
            return InvitationState.ACCEPTED
        if self.revoked_at is not None:
            return InvitationState.WITHDRAWN
        if self.expires_at <= now:
            return InvitationState.EXPIRED
        return InvitationState.OPEN

    def __str__(self) -> str:
        return self.email
