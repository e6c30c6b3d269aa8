"""Aid deliveries: what a solidarity partnership sends, when, from whom to whom, and who paid."""

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.events.models import Event, EventKind
from partnership.funding.models import Programme
from partnership.partners.models import Organisation


class AidDelivery(Event):
    __tablename__ = "aid_delivery"
    # What was sent is what people remember a delivery by ("the fire engines"); the folded
    # copy is the event's own search_text column, filled on every save.
    search_fields = ("title", "summary", "goods")
    __table_args__ = (CheckConstraint("value >= 0", name="value_not_negative"),)

    id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    # What was sent: fire engines, generators, a school kitchen.
    goods: Mapped[str] = mapped_column(Text, default="")
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    # Who paid: a funding programme (a federal direct-aid programme) or an organisation.
    paid_by_programme_id: Mapped[int | None] = mapped_column(ForeignKey("programme.id"), index=True)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)

    sender: Mapped[Organisation | None] = relationship(foreign_keys=[sender_id])
    recipient: Mapped[Organisation | None] = relationship(foreign_keys=[recipient_id])
    paid_by_programme: Mapped[Programme | None] = relationship(foreign_keys=[paid_by_programme_id])
    paid_by: Mapped[Organisation | None] = relationship(foreign_keys=[paid_by_id])

    __mapper_args__ = {"polymorphic_identity": EventKind.AID_DELIVERY}
