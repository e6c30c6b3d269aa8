"""Events: everything that happens in a partnership, and the topics they are about.

Visits, agreement signings, planned exchanges and milestones share one `event` table (joined
table inheritance), so the timeline, press links, topics and grants refer to any kind alike.
"""

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, query_expression, relationship

from partnership.extensions import db
from partnership.modeltypes import (
    FuzzyDateColumns,
    Record,
    Searchable,
    Timestamps,
    enum_column,
)
from partnership.partners.models import City

if TYPE_CHECKING:
    from partnership.press.models import PressArticle

event_topic = Table(
    "event_topic",
    db.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id"), primary_key=True, index=True),
)


class Topic(Record, Searchable, db.Model):
    search_fields = ("name",)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    events: Mapped[list["Event"]] = relationship(secondary=event_topic, back_populates="topics")
    # How many events refer to the topic, counted by the query that loads it (`topic_list`).
    event_count: Mapped[int | None] = query_expression()

    def __str__(self) -> str:
        return self.name


class EventKind(enum.StrEnum):
    VISIT = "visit"
    AGREEMENT = "agreement"
    EXCHANGE = "exchange"
    MILESTONE = "milestone"
    STAGE = "stage"
    AID_DELIVERY = "aid delivery"


class Event(Record, Searchable, FuzzyDateColumns, Timestamps, db.Model):
    search_fields = ("title", "summary")

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = enum_column(EventKind, index=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(String(500), default="")
    partner_city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Indexed first in `ix_event_timeline`; an index of its own would lure SQLite into
    # reading every row it lists instead of that index alone.
    date_sort: Mapped[date | None] = mapped_column(Date)
    # Shown on the partnership's public page (see public/); nothing is public unless chosen.
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # An event a partner user proposed waits for the home office to confirm it.
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    awaiting_confirmation: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0", index=True
    )

    partner_city: Mapped[City | None] = relationship()
    topics: Mapped[list[Topic]] = relationship(
        secondary=event_topic, back_populates="events", order_by=Topic.name
    )
    press_articles: Mapped[list["PressArticle"]] = relationship(
        secondary="event_press_article", back_populates="events"
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"polymorphic_on": cls.__table__.c.kind, "version_id_col": cls.__table__.c.version}

    texts: Mapped[list["EventText"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventText.language"
    )

    def __str__(self) -> str:
        return self.title


class EventText(db.Model):
    """The title and summary of an event in one more language, where the office wrote both."""

    __table_args__ = (UniqueConstraint("event_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(String(500), default="")

    event: Mapped[Event] = relationship(back_populates="texts")

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"


# The timeline's order, over the records not archived: a page reads 50 entries of this index
# instead of sorting every event (see partnership.events.queries.chronological).
Index(
    "ix_event_timeline",
    Event.date_sort,
    Event.date_precision,
    Event.id,
    sqlite_where=Event.archived_at.is_(None),
    postgresql_where=Event.archived_at.is_(None),
)
# The list of one kind, newest first (partnership.records.paging): a page is a range of this
# index. It is built in that order, undated events last, as PostgreSQL needs: walked backwards,
# its index puts them first. SQLite walks any order both ways and takes no NULLS LAST in an
# index: its migration builds the plain columns.
Index(
    "ix_event_kind_timeline",
    Event.kind,
    Event.date_sort.desc().nulls_last(),
    Event.date_precision.desc(),
    Event.id.desc(),
    sqlite_where=Event.archived_at.is_(None),
    postgresql_where=Event.archived_at.is_(None),
)
# The events still going on at a date, by their end (the timeline's "from" filter starts its
# walk at the earliest sort date of those that began before: see partnership.timeline.filters).
Index(
    "ix_event_date_end",
    Event.date_end,
    Event.date_sort,
    sqlite_where=Event.archived_at.is_(None),
    postgresql_where=Event.archived_at.is_(None),
)
# What partners proposed and the office has yet to confirm: few, however many events there
# are; the column's own index cannot tell the planner so (nearly every row says no).
Index(
    "ix_event_awaiting",
    Event.created_at,
    Event.id,
    sqlite_where=Event.awaiting_confirmation.is_(True) & Event.archived_at.is_(None),
    postgresql_where=Event.awaiting_confirmation.is_(True) & Event.archived_at.is_(None),
)


class MilestoneKind(enum.StrEnum):
    MEETING = "meeting"
    COUNCIL_DECISION = "council decision"
    CEREMONY = "ceremony"
    OTHER = "other"


class Milestone(Event):
    """A meeting, a council decision or another moment worth keeping on the timeline."""

    id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    milestone_kind: Mapped[MilestoneKind] = enum_column(MilestoneKind)
    place: Mapped[str] = mapped_column(String(300), default="")

    __mapper_args__ = {"polymorphic_identity": EventKind.MILESTONE}
