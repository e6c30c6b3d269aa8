"""Cities, their names in several languages, partnerships and organisations."""

import enum
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.modeltypes import (
    FuzzyDateColumns,
    Record,
    Searchable,
    Timestamps,
    enum_column,
)
from partnership.text import search_key

if TYPE_CHECKING:
    from partnership.people.models import Contact


class City(Record, Timestamps, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    country_code: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(200), default="")
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    names: Mapped[list["CityName"]] = relationship(
        back_populates="city", cascade="all, delete-orphan", order_by="CityName.id"
    )

    @property
    def alternative_names(self) -> list["CityName"]:
        """Return the names besides the main one, in the order they were given."""
        return [n for n in self.names if not (n.name == self.name and not n.language)]

    def __str__(self) -> str:
        # Imported here: the display reads this module's CityName.
        from partnership.partners.display import reader_name

        return reader_name(self)


SEARCH_KEY_LENGTH = 200


class CityName(db.Model):
    """One more name of a city, in a language or script: 'Schytomyr' (de), 'Житомир' (uk)."""

    __table_args__ = (UniqueConstraint("city_id", "language", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("city.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(16), default="")
    name: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(SEARCH_KEY_LENGTH), index=True)

    city: Mapped[City] = relationship(back_populates="names")

    def __init__(self, name: str, language: str = "", **kwargs):
        # Folding can lengthen a name ("ß" becomes "ss"); the key's first 200 letters find it.
        key = search_key(name)[:SEARCH_KEY_LENGTH]
        super().__init__(name=name, language=language, search_key=key, **kwargs)

    def __str__(self) -> str:
        return f"{self.language}: {self.name}" if self.language else self.name


class PartnershipKind(enum.StrEnum):
    TWINNING = "twinning"
    FRIENDSHIP = "friendship"
    PROJECT = "project"
    SOLIDARITY = "solidarity"


class PartnershipStatus(enum.StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"


class Partnership(Record, FuzzyDateColumns, Timestamps, db.Model):
    """The tie between the home city and one partner city; its fuzzy date is 'since'."""

    __table_args__ = (UniqueConstraint("home_city_id", "partner_city_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    home_city_id: Mapped[int] = mapped_column(ForeignKey("city.id"), index=True)
    partner_city_id: Mapped[int] = mapped_column(ForeignKey("city.id"), index=True)
    kind: Mapped[PartnershipKind] = enum_column(PartnershipKind)
    status: Mapped[PartnershipStatus] = enum_column(PartnershipStatus)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    home_city: Mapped[City] = relationship(foreign_keys=[home_city_id])
    partner_city: Mapped[City] = relationship(foreign_keys=[partner_city_id])
    coordinator: Mapped["Contact | None"] = relationship("Contact")

    @property
    def since(self) -> FuzzyDate | None:
        return self.date

    @since.setter
    def since(self, value: FuzzyDate | None) -> None:
        self.date = value

    def __str__(self) -> str:
        return f"{self.home_city} – {self.partner_city}"


class OrganisationKind(enum.StrEnum):
    CITY_ADMINISTRATION = "city administration"
    CITY_DEPARTMENT = "city department"
    NGO = "NGO"
    COMPANY = "company"
    FUNDER = "funder"
    SCHOOL = "school"
    UNIVERSITY = "university"
    MEDIA = "media"
    OTHER = "other"


class Organisation(Record, Searchable, Timestamps, db.Model):
    search_fields = ("name",)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[OrganisationKind] = enum_column(OrganisationKind)
    city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)
    website: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    city: Mapped[City | None] = relationship()

    def __str__(self) -> str:
        return self.name
