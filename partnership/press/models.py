"""Press articles, each linked to the events it reported."""

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.events.models import Event
from partnership.extensions import db
from partnership.modeltypes import Record, Searchable, Timestamps

event_press_article = Table(
    "event_press_article",
    db.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "press_article_id",
        ForeignKey("press_article.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class PressArticle(Record, Searchable, Timestamps, db.Model):
    search_fields = ("title", "outlet")

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500), index=True)
    url: Mapped[str] = mapped_column(String(1000), default="")
    outlet: Mapped[str] = mapped_column(String(300), default="")
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(16), default="")
    section: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    events: Mapped[list[Event]] = relationship(
        secondary=event_press_article, back_populates="press_articles", order_by=Event.date_sort
    )

    def __str__(self) -> str:
        return self.title
