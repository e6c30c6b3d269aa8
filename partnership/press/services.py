"""Write press articles and their links to events."""

from flask import request
from sqlalchemy import select

from partnership.events.models import Event
from partnership.extensions import db
from partnership.press.models import PressArticle
from partnership.routing import record_id

TEXT_FIELDS = ("title", "outlet", "language", "section", "tags")


def save_article(article: PressArticle, form) -> None:
    for field in TEXT_FIELDS:
        setattr(article, field, (getattr(form, field).data or "").strip())
    article.url = form.url.data or ""
    article.published_on = form.published_on.data
    article.notes = form.notes.data or ""
    ids = form.event_ids.data or []
    article.events = db.session.scalars(select(Event).where(Event.id.in_(ids))).all() if ids else []


def load_article_form(article: PressArticle, form) -> None:
    form.event_ids.data = [event.id for event in article.events]


def prefill_from_event(form) -> None:
    """Open the form from an event's page with that event already linked."""
    if event_id := request.args.get("event", type=record_id):
        form.event_ids.data = [event_id]
