"""Contacts: the real people the office works with."""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate, Precision
from partnership.modeltypes import FuzzyDateColumns, Record, Searchable, Timestamps
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


# The contacts to review are read from the longest unchanged (people/review.py).
Index("ix_contact_updated_at", Contact.updated_at, Contact.id)


class ContactRole(Record, FuzzyDateColumns, db.Model):
    """A role a contact held for a period: the mayor of that time stays the mayor of that time.

    Its fuzzy date (`since`) is when the role began; `until` is empty while it lasts.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    until_start: Mapped[date | None] = mapped_column(Date)
    until_end: Mapped[date | None] = mapped_column(Date)
    until_precision: Mapped[str | None] = mapped_column(String(16))
    until_tentative: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    contact: Mapped[Contact] = relationship(backref="roles")
    organisation: Mapped[Organisation | None] = relationship()

    @property
    def since(self) -> FuzzyDate | None:
        return self.date

    @since.setter
    def since(self, value: FuzzyDate | None) -> None:
        self.date = value

    @property
    def until(self) -> FuzzyDate | None:
        return FuzzyDate.from_parts(
            self.until_start, self.until_end, self.until_precision, self.until_tentative
        )

    @until.setter
    def until(self, value: FuzzyDate | None) -> None:
        self.until_start = value.start if value else None
        self.until_end = value.end if value else None
        self.until_precision = Precision(value.precision).value if value else None
        self.until_tentative = bool(value and value.tentative)

    def __str__(self) -> str:
        return " · ".join(filter(None, [self.title, str(self.organisation or "")]))
