"""Funders' programmes, grants, and the events a grant pays for."""

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.events.models import Event
from partnership.extensions import db
from partnership.modeltypes import Searchable, Timestamps
from partnership.partners.models import Organisation


class Programme(Searchable, Timestamps, db.Model):
    search_fields = ("name",)

    """A funding programme of a funder (an organisation of kind 'funder')."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    funder_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    funder: Mapped[Organisation] = relationship()

    def __str__(self) -> str:
        return self.name


class Grant(Searchable, Timestamps, db.Model):
    search_fields = ("reference", "title")

    # "grant" is an SQL keyword; a plain name spares every raw query its quoting.
    __tablename__ = "funding_grant"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    funder_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"), index=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    funder: Mapped[Organisation] = relationship()
    programme: Mapped[Programme | None] = relationship()
    funded_events: Mapped[list["GrantEvent"]] = relationship(
        back_populates="grant", cascade="all, delete-orphan"
    )

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()


class GrantEvent(db.Model):
    """An event paid for (wholly or in part) by a grant."""

    grant_id: Mapped[int] = mapped_column(
        ForeignKey("funding_grant.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), primary_key=True, index=True)
    share_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    note: Mapped[str] = mapped_column(String(300), default="")

    grant: Mapped[Grant] = relationship(back_populates="funded_events")
    event: Mapped[Event] = relationship(backref="grant_links")
