"""One-time keys on create forms: a form sent twice (a retry, a double click) creates once."""

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from partnership.extensions import db


class SubmittedForm(db.Model):
    """A create form's one-time key, stored in the same transaction as what it created."""

    __tablename__ = "submitted_form"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # Where the created record lives, so a repeat can be sent there instead of creating again.
    location: Mapped[str] = mapped_column(String(500), default="")
