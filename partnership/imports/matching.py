"""Find the existing record a spreadsheet row describes, so importing again updates, not doubles.

Contacts are matched by e-mail (else by name), organisations by name, visits and exchanges by
title and date, press articles by web address (else by title). Each index loads its records once.
"""

from abc import ABC, abstractmethod
from collections.abc import Hashable

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.extensions import db
from partnership.text import search_key


class MatchError(ValueError):
    """A row that fits several existing records; names the column to fix."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def _group(records, key) -> dict:
    groups: dict = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return groups


def _one(found: list, column: str, value: str):
    if len(found) > 1:
        raise MatchError(
            column,
            _(
                "%(count)d existing records fit “%(value)s”; tell them apart first.",
                count=len(found),
                value=value,
            ),
        )
    return found[0] if found else None


class Index(ABC):
    """Existing records of one entity, loaded once with the relations the columns show."""

    def __init__(self, model, options=()):
        self.records = db.session.scalars(select(model).options(*options)).all()

    @abstractmethod
    def key(self, values: dict) -> Hashable:
        """Return what makes a row unique among the file's rows of this entity."""

    @abstractmethod
    def find(self, values: dict):
        """Return the existing record the row matches, or None."""


class ContactIndex(Index):
    def __init__(self, model, options=()):
        super().__init__(model, options)
        self.by_email = _group(self.records, lambda c: (c.email or "").casefold())
        self.by_name = _group(self.records, lambda c: search_key(c.name))

    def key(self, values):
        if email := values.get("Email"):
            return ("email", email.casefold())
        return ("name", search_key(values["Name"]))

    def find(self, values):
        name = values["Name"]
        if email := values.get("Email"):
            if found := self.by_email.get(email.casefold()):
                return _one(found, "Email", email)
            # The same person entered before without an e-mail address gets it now.
            unnamed = [c for c in self.by_name.get(search_key(name), []) if not c.email]
            return unnamed[0] if len(unnamed) == 1 else None
        found = self.by_name.get(search_key(name), [])
        if len(found) > 1:
            raise MatchError(
                "Name",
                _(
                    "%(count)d contacts are called “%(name)s”; add their e-mail addresses "
                    "to tell them apart.",
                    count=len(found),
                    name=name,
                ),
            )
        return found[0] if found else None


class NameIndex(Index):
    def __init__(self, model, options=()):
        super().__init__(model, options)
        self.by_name = _group(self.records, lambda r: search_key(r.name))

    def key(self, values):
        return search_key(values["Name"])

    def find(self, values):
        return _one(self.by_name.get(self.key(values), []), "Name", values["Name"])


class EventIndex(Index):
    """Events of one kind by title and date, so 'Youth exchange' in 2024 and 2025 stay two."""

    date_column = "Date"

    def __init__(self, model, options=()):
        super().__init__(model, options)
        self.by_key = _group(self.records, lambda e: _event_key(e.title, e.date))

    def key(self, values):
        return _event_key(values["Title"], values[self.date_column])

    def find(self, values):
        return _one(self.by_key.get(self.key(values), []), "Title", values["Title"])


class ExchangeIndex(EventIndex):
    date_column = "Expected date"


def _event_key(title: str, when) -> tuple:
    return (search_key(title), when.start, when.end, str(when.precision)) if when else (title,)


class ArticleIndex(Index):
    def __init__(self, model, options=()):
        super().__init__(model, options)
        self.by_url = _group(self.records, lambda a: a.url or "")
        self.by_title = _group(self.records, lambda a: search_key(a.title))

    def key(self, values):
        return (values.get("URL") or "", search_key(values["Title"]))

    def find(self, values):
        title = search_key(values["Title"])
        titled = self.by_title.get(title, [])
        if url := values.get("URL"):
            found = self.by_url.get(url, [])
            if len(found) > 1:
                # A general address (a newsroom's front page) can stand for several articles.
                found = [a for a in found if search_key(a.title) == title] or found
            if found:
                return _one(found, "URL", url)
            # An article of the same title at another address is another article.
            titled = [a for a in titled if not a.url]
        return _one(titled, "Title", values["Title"])
