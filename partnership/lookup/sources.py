"""Sources of choices: one kind of record, found by folded text, read a few rows at a time."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select

from partnership.extensions import db
from partnership.routing import record_id
from partnership.text import search_key

# A screenful: the list under a field shows this many hits; typing more narrows it.
LOOKUP_LIMIT = 20
# Without script, the message next to a field offers this many candidates.
CANDIDATE_LIMIT = 5
# The longest name a source holds (an event's title) has 300 characters; longer input is cut.
QUERY_MAX_LENGTH = 300
# More records than this under one exact name are not told apart by typing it anyway.
EXACT_LIMIT = 50


def fold(text: str | None) -> str:
    """Return `text` as the folded key that names are compared by, cut to a bounded length."""
    return search_key((text or "")[:QUERY_MAX_LENGTH])


class FoldedSearchText:
    """Find records of a `Searchable` model in the folded copy of its search fields.

    The copy starts with the first search field (a name, title or reference), so a record
    named exactly `key` has the copy `key` or `key …`; the source's `names` then tell which.
    """

    certain = False

    def __init__(self, model):
        self.column = model.search_text

    def contains(self, key: str) -> ColumnElement[bool]:
        return self.column.contains(key, autoescape=True)

    def starts(self, key: str) -> ColumnElement[bool]:
        return self.column.startswith(key, autoescape=True)

    def exact(self, key: str) -> ColumnElement[bool]:
        return or_(self.column == key, self.column.startswith(key + " ", autoescape=True))


class KnownNames:
    """Find records under any of the folded names another table keeps for them.

    A city is found under each of its names, in any language or script: `record_id` is the
    city's id column, `owner_id` and `key` the name table's reference and folded name.
    """

    certain = True

    def __init__(self, record_id, owner_id, key):
        self.record_id, self.owner_id, self.key = record_id, owner_id, key
        self.key_length = getattr(key.type, "length", None)

    def _named(self, condition) -> ColumnElement[bool]:
        return self.record_id.in_(select(self.owner_id).where(condition))

    def contains(self, key: str) -> ColumnElement[bool]:
        return self._named(self.key.contains(key, autoescape=True))

    def starts(self, key: str) -> ColumnElement[bool]:
        return self._named(self.key.startswith(key, autoescape=True))

    def exact(self, key: str) -> ColumnElement[bool]:
        # The stored keys are cut to the column's length; so is the one compared.
        return self._named(self.key == key[: self.key_length])


@dataclass(frozen=True)
class Resolution:
    """What typed text names: one record, or none and the candidates to offer instead."""

    record: Any = None
    candidates: tuple = ()
    several: bool = False


class Source:
    """What a lookup field chooses from and /lookup/<name> searches: records of a table
    (`LookupSource`) or a fixed list (the countries). Each choice has an `id`."""

    name: str

    def read_id(self, value) -> Any:
        """Read a posted id; ValueError for anything that cannot name a choice."""
        raise NotImplementedError

    def hits(self, text: str, limit: int = LOOKUP_LIMIT) -> tuple[list, bool]:
        raise NotImplementedError

    def records(self, ids: Iterable) -> dict:
        raise NotImplementedError

    def resolve(self, text: str, hints: Sequence = ()) -> "Resolution":
        raise NotImplementedError

    def describe(self, record) -> dict:
        raise NotImplementedError


@dataclass(frozen=True, eq=False)
class LookupSource(Source):
    """The records a field may choose: a model, narrowed by `where`, labelled and ordered.

    Every read is bounded: a search answers at most a screenful, a resolution a few rows.
    Archived records are never found, as no ORM query finds them (see archive.py).
    """

    name: str
    model: type
    order_by: tuple
    label: Callable[[Any], Any] = str
    where: ColumnElement[bool] | None = None
    match: Any = None
    options: tuple = ()
    detail: Callable[[Any], Any] | None = None

    def read_id(self, value) -> int:
        return record_id(value)

    def _query(self, *conditions) -> Select:
        query = select(self.model).where(*conditions).options(*self.options)
        return query if self.where is None else query.where(self.where)

    def _rows(self, query: Select, limit: int) -> list:
        if limit <= 0:
            return []
        return list(db.session.scalars(query.order_by(*self.order_by).limit(limit)).unique())

    def hits(self, text: str, limit: int = LOOKUP_LIMIT) -> tuple[list, bool]:
        """Return up to `limit` records matching `text`, those starting with it first,
        and whether more match."""
        key = fold(text)
        if not key:
            rows = self._rows(self._query(), limit + 1)
            return rows[:limit], len(rows) > limit
        rows = self._rows(self._query(self.match.starts(key)), limit + 1)
        if len(rows) <= limit:
            others = [self.match.contains(key)]
            if rows:
                others.append(self.model.id.not_in([row.id for row in rows]))
            rows += self._rows(self._query(*others), limit + 1 - len(rows))
        return rows[:limit], len(rows) > limit

    def records(self, ids: Iterable[int]) -> dict[int, Any]:
        """Return the records of `ids` this source offers, by id; others are left out."""
        ids = set(ids)
        if not ids:
            return {}
        rows = self._rows(self._query(self.model.id.in_(ids)), len(ids))
        return {row.id: row for row in rows}

    def names(self, record) -> set[str]:
        """Return the folded names a record is known by here: its label and its name."""
        names = {str(record), str(self.label(record))}
        search_fields = getattr(self.model, "search_fields", ())
        if search_fields:
            names.add(str(getattr(record, search_fields[0]) or ""))
        return {fold(name) for name in names} - {""}

    def named(self, text: str, among: Sequence[int] | None = None) -> list:
        """Return the records whose name or label is exactly `text`, folded; of `among` only
        when given."""
        key = fold(text)
        if not key:
            return []
        if among is not None:
            fitting = [r for r in self.records(among).values() if key in self.names(r)]
            if fitting or not self.match.certain:
                return fitting
        conditions = [self.match.exact(key)]
        if among is not None:
            conditions.append(self.model.id.in_(among))
        rows = self._rows(self._query(*conditions), EXACT_LIMIT)
        return rows if self.match.certain else [r for r in rows if key in self.names(r)]

    def resolve(self, text: str, hints: Sequence[int] = ()) -> Resolution:
        """Resolve typed text to one record: a hinted record (an earlier choice) known by
        that text, else the one record of that name; otherwise the candidates to offer."""
        if hints and (fitting := self.named(text, among=hints)):
            return Resolution(fitting[0])
        named = self.named(text)
        if len(named) == 1:
            return Resolution(named[0])
        if named:
            return Resolution(candidates=tuple(named[:CANDIDATE_LIMIT]), several=True)
        return Resolution(candidates=tuple(self.hits(text, CANDIDATE_LIMIT)[0]))

    def describe(self, record) -> dict:
        """Return a record as a hit: its id, label and a detail that tells namesakes apart."""
        detail = self.detail(record) if self.detail else ""
        return {"id": record.id, "label": str(self.label(record)), "detail": str(detail or "")}


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Make `source` answer at /lookup/<name>; each name belongs to one source."""
    if source.name in _SOURCES:
        raise ValueError(f"a lookup named {source.name!r} exists already: pass another name=")
    _SOURCES[source.name] = source
    return source


def source_named(name: str) -> Source | None:
    return _SOURCES.get(name)
