"""Contacts: the real people the office works with."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.extensions import db
from partnership.modeltypes import Record, Searchable, Timestamps
from partnership.partners.models import City, Organisation


class Contact(Record, Searchable, Timestamps, db.Model):
    search_fields = ("name", "role_title", "email")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    role_title: Mapped[str] = mapped_column(String(300), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    phone: Mapped[str] = mapped_column(String(50), default="")
    languages: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation | None] = relationship()
    city: Mapped[City | None] = relationship()

    def __str__(self) -> str:
        return self.name
