"""Funders' programmes and grants; the events, costs and participants a grant pays for."""

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from partnership.events.models import Event
from partnership.extensions import db
from partnership.modeltypes import Record, Searchable, Timestamps, enum_column
from partnership.partners.models import City, Organisation
from partnership.people.models import Contact


class Programme(Record, Searchable, Timestamps, db.Model):
    """A funding programme of a funder (an organisation of kind 'funder')."""

    search_fields = ("name",)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    funder_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    # The funder's rules this programme's reports are checked against: the name of a rule set
    # (partnership/funding/rules/*.toml, or the instance folder's own); empty for none.
    rule_set: Mapped[str] = mapped_column(String(64), default="", server_default="")

    funder: Mapped[Organisation] = relationship()

    def __str__(self) -> str:
        return self.name


class Grant(Record, Searchable, Timestamps, db.Model):
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
    decision_date: Mapped[date | None] = mapped_column(Date)
    # The share of the eligible costs the funder pays, in per cent (e.g. 90.00).
    cofinancing_rate: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    report_due: Mapped[date | None] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    funder: Mapped[Organisation] = relationship()
    programme: Mapped[Programme | None] = relationship()
    funded_events: Mapped[list["GrantEvent"]] = relationship(
        back_populates="grant", cascade="all, delete-orphan"
    )
    budget_lines: Mapped[list["BudgetLine"]] = relationship(
        back_populates="grant", cascade="all, delete-orphan", order_by="BudgetLine.id"
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


class BudgetLine(Record, db.Model):
    """One line of a grant's budget: what the money is planned for, and how much.

    Removing a line archives it; the name stays taken within the grant, so adding a line of
    that name again brings the archived one back.
    """

    __table_args__ = (
        UniqueConstraint("grant_id", "name"),
        CheckConstraint("planned_amount >= 0", name="planned_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("funding_grant.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    planned_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))

    grant: Mapped[Grant] = relationship(back_populates="budget_lines")

    def __str__(self) -> str:
        return self.name


class CostItem(Record, db.Model):
    """A receipt: money paid for an event, booked on a budget line of a grant that funds it.

    Negative amounts are refunds. The grant's share is what the grant pays of the amount; the
    rest is the office's own share.
    """

    # Reports read receipts per budget line in date order, often 100,000 of them.
    __table_args__ = (Index("ix_cost_item_budget_line_paid_on", "budget_line_id", "paid_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_line.id"))
    paid_on: Mapped[date | None] = mapped_column(Date, index=True)
    payee: Mapped[str] = mapped_column(String(300), default="")
    purpose: Mapped[str] = mapped_column(String(500), default="")
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    receipt_number: Mapped[str] = mapped_column(String(100), default="")
    grant_share: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    note: Mapped[str] = mapped_column(Text, default="")

    budget_line: Mapped[BudgetLine] = relationship()
    event: Mapped[Event] = relationship(
        backref=backref("cost_items", order_by="(CostItem.paid_on, CostItem.id)")
    )

    @property
    def own_share(self) -> Decimal:
        return self.amount - self.grant_share

    def __str__(self) -> str:
        amount = f"{self.amount:.2f} {self.currency}" if self.amount is not None else ""
        return " · ".join(filter(None, [self.receipt_number, self.purpose or self.payee, amount]))


class ParticipantOrigin(enum.StrEnum):
    LOCAL = "local"
    INTERNATIONAL = "international"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    DIVERSE = "diverse"
    NOT_STATED = "not stated"


class AgeGroup(enum.StrEnum):
    UNDER_18 = "under 18"
    FROM_18_TO_30 = "18 to 30"
    FROM_31_TO_64 = "31 to 64"
    FROM_65 = "65 and over"


class Participant(Record, db.Model):
    """Someone who took part in an event: a contact, or just a name from the signed list.

    A contact takes part once; taking a removed (archived) contact on again brings that row back.
    """

    __table_args__ = (UniqueConstraint("event_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    country_code: Mapped[str] = mapped_column(String(2), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    origin: Mapped[ParticipantOrigin] = enum_column(ParticipantOrigin)
    signed_list: Mapped[bool] = mapped_column(Boolean, default=False)
    # Optional, as funders ask: empty where nobody asked or the person did not say.
    gender: Mapped[Gender | None] = enum_column(Gender, nullable=True)
    age_group: Mapped[AgeGroup | None] = enum_column(AgeGroup, nullable=True)
    # The city that sent the participant (the sending city of a funder's list), where known.
    sending_city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)

    contact: Mapped[Contact | None] = relationship()
    sending_city: Mapped[City | None] = relationship(foreign_keys=[sending_city_id])
    event: Mapped[Event] = relationship(
        backref=backref("participants", order_by="Participant.id", passive_deletes=True)
    )
    days: Mapped[list["ParticipantDay"]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="ParticipantDay.day"
    )

    @property
    def display_name(self) -> str:
        """Return the contact's current name, so an erased contact stays erased here."""
        return self.contact.name if self.contact else self.name

    def __str__(self) -> str:
        return self.display_name


class ParticipantDay(db.Model):
    """A day of the event the participant attended (funders count participant-days)."""

    __table_args__ = (UniqueConstraint("participant_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)

    participant: Mapped[Participant] = relationship(back_populates="days")
