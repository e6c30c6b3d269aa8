"""Write press articles and their links to events from plain values."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.events.models import Event
from partnership.extensions import db
from partnership.press.models import PressArticle
from partnership.records.values import Invalid


@dataclass
class ArticleValues:
    title: str
    url: str = ""
    outlet: str = ""
    published_on: date | None = None
    language: str = ""
    section: str = ""
    tags: str = ""
    event_ids: list[int] = field(default_factory=list)
    notes: str = ""


def read_article(article: PressArticle) -> ArticleValues:
    return ArticleValues(
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published_on=article.published_on,
        language=article.language,
        section=article.section,
        tags=article.tags,
        event_ids=[event.id for event in article.events],
        notes=article.notes,
    )


def save_article(article: PressArticle, values: ArticleValues) -> None:
    title = (values.title or "").strip()
    url = (values.url or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Enter the article's title.")
    if url and not _is_web_address(url):
        # The address becomes a link on the article's page, whoever typed it.
        errors["url"] = _("Enter a web address starting with http:// or https://.")
    if errors:
        raise Invalid(errors)
    events = _events(values.event_ids or [])
    article.title = title
    article.url = url
    article.outlet = (values.outlet or "").strip()
    article.published_on = values.published_on
    article.language = (values.language or "").strip()
    article.section = (values.section or "").strip()
    article.tags = (values.tags or "").strip()
    article.notes = values.notes or ""
    article.events = events


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _events(ids: list[int]) -> list[Event]:
    """Return the events `ids` name, or raise Invalid if one of them is gone."""
    wanted = set(ids)
    if not wanted:
        return []
    events = db.session.scalars(select(Event).where(Event.id.in_(wanted))).all()
    if len(events) != len(wanted):
        raise Invalid({"event_ids": _("One of the chosen events no longer exists; choose again.")})
    return list(events)
