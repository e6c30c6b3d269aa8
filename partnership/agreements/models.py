"""Agreements between cities and organisations; the event is their signing."""

import enum
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.events.models import Event, EventKind
from partnership.extensions import db
from partnership.modeltypes import enum_column
from partnership.partners.models import City, Organisation
from partnership.visits.models import Visit


class AgreementKind(enum.StrEnum):
    MOU = "memorandum of understanding"
    COOPERATION = "cooperation agreement"
    PARTNERSHIP = "partnership agreement"
    CHARTER = "charter"
    OTHER = "other"


class AgreementStatus(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    EXPIRED = "expired"
    TERMINATED = "terminated"


class Agreement(Event):
    id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    agreement_kind: Mapped[AgreementKind] = enum_column(AgreementKind)
    status: Mapped[AgreementStatus] = enum_column(AgreementStatus, default=AgreementStatus.SIGNED)
    signed_during_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"), index=True)
    valid_until: Mapped[date | None] = mapped_column(Date, index=True)
    document_url: Mapped[str] = mapped_column(String(1000), default="")

    signed_during: Mapped[Visit | None] = relationship(
        foreign_keys=[signed_during_id], backref="agreements_signed"
    )
    parties: Mapped[list["AgreementParty"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementParty.id"
    )

    __mapper_args__ = {
        "polymorphic_identity": EventKind.AGREEMENT,
        "inherit_condition": id == Event.id,
    }


class AgreementParty(db.Model):
    """One signatory: a city or an organisation, never both."""

    __table_args__ = (
        CheckConstraint(
            "(city_id IS NULL) != (organisation_id IS NULL)", name="city_or_organisation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)

    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    city: Mapped[City | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    @property
    def party(self) -> City | Organisation:
        return self.city or self.organisation

    def __str__(self) -> str:
        return str(self.party)
