"""Planned exchanges: what is planned with a partner city, until it happens as a visit."""

import enum

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.agreements.models import Agreement
from partnership.events.models import Event, EventKind
from partnership.modeltypes import enum_column
from partnership.visits.models import Direction, Visit


class ExchangeKind(enum.StrEnum):
    YOUTH = "youth exchange"
    SCHOOL = "school exchange"
    STUDY_TRIP = "study trip"
    EXPERTS = "expert exchange"
    CULTURE = "cultural exchange"
    OTHER = "other"


class ExchangeStatus(enum.StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    REALISED = "realised"
    CANCELLED = "cancelled"


class PlannedExchange(Event):
    id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    exchange_kind: Mapped[ExchangeKind] = enum_column(ExchangeKind)
    direction: Mapped[Direction] = enum_column(Direction)
    expected_participants: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[ExchangeStatus] = enum_column(ExchangeStatus, default=ExchangeStatus.PLANNED)
    origin_agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"), index=True)
    # When the exchange happens it becomes a visit; the exchange stays as its history.
    realised_visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))

    origin_agreement: Mapped[Agreement | None] = relationship(
        foreign_keys=[origin_agreement_id], backref="planned_exchanges"
    )
    realised_visit: Mapped[Visit | None] = relationship(
        foreign_keys=[realised_visit_id], backref="realised_exchanges"
    )

    __mapper_args__ = {
        "polymorphic_identity": EventKind.EXCHANGE,
        "inherit_condition": id == Event.id,
    }


# Few exchanges are realised yet, few cancelled: each index holds only those, so that a
# lookup of one visit's exchange is not taken by SQLite's statistics for a read of every
# unrealised one, and the cancelled are found without reading every exchange.
_exchange = PlannedExchange.__table__
Index(
    "ix_planned_exchange_realised_visit_id",
    _exchange.c.realised_visit_id,
    sqlite_where=_exchange.c.realised_visit_id.is_not(None),
    postgresql_where=_exchange.c.realised_visit_id.is_not(None),
)
Index(
    "ix_planned_exchange_cancelled",
    _exchange.c.id,
    sqlite_where=_exchange.c.status == ExchangeStatus.CANCELLED.value,
    postgresql_where=_exchange.c.status == ExchangeStatus.CANCELLED.value,
)
