"""Stages of a partnership: founded, signed, upgraded, suspended, resumed, ended.

Each stage is an event, so it sits on the timeline, the city page and the home chart like any
other; the partnership's current kind and status follow from its latest stage.
"""

import enum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.agreements.models import Agreement
from partnership.events.models import Event, EventKind
from partnership.modeltypes import enum_column
from partnership.partners.models import Partnership, PartnershipKind


class StageKind(enum.StrEnum):
    FOUNDED = "founded"
    SIGNED = "signed"
    UPGRADED = "upgraded"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    ENDED = "ended"


class PartnershipStage(Event):
    __tablename__ = "partnership_stage"

    id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    stage: Mapped[StageKind] = enum_column(StageKind)
    # The kind of partnership from this stage on (an upgrade from solidarity to twinning);
    # empty where the stage does not change it.
    partnership_kind: Mapped[PartnershipKind | None] = enum_column(PartnershipKind, nullable=True)
    # The council decision or document behind the stage, as the office cites it.
    decision: Mapped[str] = mapped_column(String(500), default="")
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"), index=True)

    partnership: Mapped[Partnership] = relationship(backref="stages", foreign_keys=[partnership_id])
    agreement: Mapped[Agreement | None] = relationship(foreign_keys=[agreement_id])

    __mapper_args__ = {"polymorphic_identity": EventKind.STAGE}
