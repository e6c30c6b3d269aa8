"""Merges of two records of the same kind, kept so that an admin can undo one."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from partnership.extensions import db


class RecordMerge(db.Model):
    """One merge: `merged_id` was folded into `kept_id`, both rows of `table_name`.

    `moves` lists every reference that was moved ({"table", "column", "id"} of the row that
    referred to the merged record), so undoing the merge can move exactly those back.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), index=True)
    kept_id: Mapped[int] = mapped_column(Integer, index=True)
    merged_id: Mapped[int] = mapped_column(Integer, index=True)
    moves: Mapped[list] = mapped_column(JSON, default=list)
    merged_at: Mapped[datetime] = mapped_column(DateTime)
    merged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
