"""Column building blocks shared by the models of every area."""

import enum
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    event,
    func,
)
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column

from partnership.fuzzydate import FuzzyDate, Precision
from partnership.search.fulltext import matching
from partnership.text import search_key


def enum_column(enum_class: type[enum.Enum], **kwargs):
    """Store an enum by its value, as portable VARCHAR with a CHECK constraint."""
    return mapped_column(
        Enum(
            enum_class,
            native_enum=False,
            create_constraint=True,
            length=32,
            values_callable=lambda members: [member.value for member in members],
            validate_strings=True,
            name=enum_class.__name__.lower(),
        ),
        **kwargs,
    )


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )


class FuzzyDateColumns:
    """Store one fuzzy date as start, end, precision, tentative and a sort key.

    The sort key is stored so lists can sort and filter on an index without loading rows.
    """

    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_tentative: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    date_sort: Mapped[date | None] = mapped_column(Date, index=True)

    @property
    def date(self) -> FuzzyDate | None:
        return FuzzyDate.from_parts(
            self.date_start, self.date_end, self.date_precision, self.date_tentative
        )

    @date.setter
    def date(self, value: FuzzyDate | None) -> None:
        self.date_start = value.start if value else None
        self.date_end = value.end if value else None
        self.date_precision = Precision(value.precision).value if value else None
        self.date_tentative = bool(value and value.tentative)
        self.date_sort = value.sort_key if value else None


class Searchable:
    """Keep a case- and accent-folded copy of the fields people search in.

    SQL's LIKE folds case only for ASCII letters on SQLite, so 'übergabe' would miss
    'Übergabe'; searching the folded copy with folded input finds it on every engine. The
    engine's full-text index over the copy serves the search (partnership/search/fulltext.py).
    """

    search_fields: ClassVar[tuple[str, ...]] = ()
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    def refresh_search_text(self) -> None:
        values = (getattr(self, name) or "" for name in self.search_fields)
        self.search_text = search_key(" ".join(str(value) for value in values))

    @classmethod
    def matches(cls, text: str, reach=None) -> ColumnElement[bool]:
        """The condition: the folded `text` is in the folded copy (anywhere, or to `reach`)."""
        searched = cls.search_text.property.columns[0]
        return matching(searched.table.name, cls.id, cls.search_text, text, reach)


@event.listens_for(Session, "before_flush")
def _refresh_search_texts(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Searchable):
            obj.refresh_search_text()


class Record:
    """A record the office keeps: its changes are recorded, deleting archives it, and two
    people saving the same version never overwrite each other silently.

    `version` is checked by the UPDATE itself (version_id_col), so a stale save fails even
    when two requests race.
    """

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    @declared_attr
    def archived_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("user.id"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
