"""Delegations (who travels) and visits (a delegation's stay in a city)."""

import enum
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.events.models import Event, EventKind
from partnership.extensions import db
from partnership.modeltypes import Record, Searchable, Timestamps, enum_column
from partnership.partners.models import City, Organisation
from partnership.people.models import Contact


class Direction(enum.StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class Delegation(Record, Searchable, Timestamps, db.Model):
    search_fields = ("name",)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    origin_city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)
    origin_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    head_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    # The size is often known when the members are not ("a six-person delegation").
    size: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    origin_city: Mapped[City | None] = relationship()
    origin_organisation: Mapped[Organisation | None] = relationship()
    head: Mapped[Contact | None] = relationship()
    members: Mapped[list["DelegationMember"]] = relationship(
        back_populates="delegation", cascade="all, delete-orphan", order_by="DelegationMember.id"
    )
    visits: Mapped[list["Visit"]] = relationship(back_populates="delegation")

    @property
    def known_size(self) -> int:
        """Return the stated size, or the number of known members when none was stated."""
        return self.size if self.size is not None else len(self.members)

    def __str__(self) -> str:
        return self.name


# The delegations' list is in name order: a page reads its rows from here, not from a sort.
Index("ix_delegation_name", Delegation.name)
# Most delegations have no known head: the index holds those that have, so that SQLite's
# statistics do not count every headless one as one person's (and read them all instead).
Index(
    "ix_delegation_head_id",
    Delegation.head_id,
    sqlite_where=Delegation.head_id.is_not(None),
    postgresql_where=Delegation.head_id.is_not(None),
)


class DelegationMember(db.Model):
    __table_args__ = (UniqueConstraint("delegation_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id"), index=True)
    role: Mapped[str] = mapped_column(String(200), default="")

    delegation: Mapped[Delegation] = relationship(back_populates="members")
    contact: Mapped[Contact] = relationship()

    def __str__(self) -> str:
        return f"{self.contact} ({self.role})" if self.role else str(self.contact)


class VisitStatus(enum.StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    DONE = "done"
    CANCELLED = "cancelled"


class Visit(Event):
    id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    direction: Mapped[Direction] = enum_column(Direction)
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id"), index=True)
    host_city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)
    occasion: Mapped[str] = mapped_column(String(300), default="")
    first_official: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[VisitStatus] = enum_column(VisitStatus, default=VisitStatus.DONE)

    delegation: Mapped[Delegation | None] = relationship(back_populates="visits")
    host_city: Mapped[City | None] = relationship(foreign_keys=[host_city_id])
    programme: Mapped[list["ProgrammeItem"]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="ProgrammeItem.position"
    )

    __mapper_args__ = {"polymorphic_identity": EventKind.VISIT}


# The cancelled visits, which nothing counts: few, found without reading every visit.
_visit = Visit.__table__
Index(
    "ix_visit_cancelled",
    _visit.c.id,
    sqlite_where=_visit.c.status == VisitStatus.CANCELLED.value,
    postgresql_where=_visit.c.status == VisitStatus.CANCELLED.value,
)


class ProgrammeItem(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The day of the visit the item is on, for a day-by-day programme; empty when not known.
    day: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(500))

    visit: Mapped[Visit] = relationship(back_populates="programme")

    def __str__(self) -> str:
        return self.description
