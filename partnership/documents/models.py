"""Documents on records: the signed agreement, photos and flyers of a visit, a scanned clipping,
a scanned signed participant list. The file itself lives in the document store (a folder or a
bucket); the database keeps what it is, whose it is and its checksum."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.auth.models import User
from partnership.extensions import db
from partnership.modeltypes import Record, Timestamps, enum_column


class DocumentKind(enum.StrEnum):
    SIGNED_LIST = "signed list"
    PHOTO = "photo"
    CLIPPING = "clipping"
    FLYER = "flyer"
    AGREEMENT = "signed agreement"
    RECEIPT = "receipt"
    OTHER = "other"


class Document(Record, Timestamps, db.Model):
    """One uploaded file, attached to one record of any kind (`table_name`, `record_id`)."""

    __table_args__ = (Index("ix_document_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[DocumentKind] = enum_column(DocumentKind, default=DocumentKind.OTHER)
    filename: Mapped[str] = mapped_column(String(255))
    # What the content is, read from the content itself (never from the name).
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # Where the store keeps the bytes; never shown, never taken from the upload.
    storage_key: Mapped[str] = mapped_column(String(200), unique=True)
    caption: Mapped[str] = mapped_column(Text, default="")
    # Photos and flyers the office marks public may appear on the public page of an event.
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime | None] = mapped_column(DateTime)

    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])

    def __str__(self) -> str:
        return self.filename
