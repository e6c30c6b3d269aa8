"""Text search served by the engine's full-text index, on SQLite and on PostgreSQL.

What is searched is the folded text each record keeps (`Searchable.search_text`, and a city's
names in `city_name.search_key`); what a query finds is as before: the folded query anywhere in
it, `%` and `_` taken literally. Only the way there changed:

- PostgreSQL: a `pg_trgm` GIN index on each folded column serves `LIKE '%…%'` itself, and the
  planner weighs it against walking the list's order index (common words).
- SQLite: one FTS5 table per searched table, `<table>_search`, tokenized into trigrams, so a
  substring is found through the index. It is contentless and filled by triggers (see the
  migration `e5d1a7c93b04`), so rows written by raw SQL, imports and bulk loads are found too:
  a flush hook would only see the ORM's writes. Each text is indexed between two spaces on
  either side (the folded text has single spaces only), so its start, its end and the start of
  a word are trigrams too: a query of one or two characters, too short for trigrams, finds the
  texts (or the words) starting with it, and a whole text equal to the query is found, all
  through the index.

An index answers a rare word at once but has to list every row for a word in every record;
the list's own order index finds the first rows of such a word at once. On SQLite the index is
asked first for at most `DENSE` rows; when it has that many, the query goes the second way.
"""

import enum
from dataclasses import dataclass

from sqlalchemy import ColumnElement, column, func, or_, select, table, true, union_all

from partnership.extensions import db
from partnership.text import search_key

# From this many matching rows on, walking the list's order finds a page sooner on SQLite.
DENSE = 1000
# The tables searched and their folded column; each has `<table>_search` on SQLite and the
# GIN index `ix_<table>_<column>_trgm` on PostgreSQL.
SEARCHED = {
    "city_name": "search_key",
    "contact": "search_text",
    "delegation": "search_text",
    "event": "search_text",
    "funding_grant": "search_text",
    "organisation": "search_text",
    "press_article": "search_text",
    "programme": "search_text",
    "topic": "search_text",
}


class Reach(enum.IntEnum):
    """How much of a text a query must match; the header search ranks by it, narrowest first."""

    NAME = 0  # the name itself: the whole text is the query
    START = 1  # the text starts with the query
    WORD = 2  # a word of the text starts with the query
    ANYWHERE = 3  # the query is anywhere in the text


def reaches(key: str) -> list[Reach]:
    """The reaches a folded query can be looked up with: a short one has no trigram inside."""
    if len(key) >= 3:
        return list(Reach)
    return [Reach.NAME, Reach.START, Reach.WORD] if len(key) == 2 else [Reach.NAME, Reach.START]


def widest(key: str) -> Reach:
    return reaches(key)[-1]


@dataclass(frozen=True)
class Found:
    """Rows of one table whose folded column matches a folded key with a given reach."""

    table_name: str
    id_column: ColumnElement
    text_column: ColumnElement
    key: str
    reach: Reach

    def phrase(self) -> str:
        # The indexed text is '  ' + text + '  ' (see the module's note); a quoted FTS5 string
        # takes every character literally but the quote, which is doubled.
        body = {
            Reach.NAME: f"  {self.key}  ",
            Reach.START: f"  {self.key}",
            Reach.WORD: f" {self.key}",
            Reach.ANYWHERE: self.key,
        }[self.reach]
        return '"' + body.replace('"', '""') + '"'

    def like(self) -> ColumnElement[bool]:
        """The same condition as plain LIKE on the column (PostgreSQL's GIN index serves it)."""
        text, key = self.text_column, self.key
        if self.reach is Reach.NAME:
            return text == key
        if self.reach is Reach.START:
            return text.startswith(key, autoescape=True)
        if self.reach is Reach.WORD:
            return or_(
                text.startswith(key, autoescape=True), text.contains(" " + key, autoescape=True)
            )
        return text.contains(key, autoescape=True)

    def index_ids(self):
        """Select the ids the SQLite index finds."""
        index = table(f"{self.table_name}_search", column("rowid"), column(self.index_name))
        return select(index.c.rowid).where(index.c[self.index_name].match(self.phrase()))

    @property
    def index_name(self) -> str:
        return f"{self.table_name}_search"

    def is_dense(self) -> bool:
        """Whether the index finds `DENSE` rows or more (asked once per request and phrase)."""
        cache = _probes()
        probe = (self.table_name, self.phrase())
        if probe not in cache:
            first = self.index_ids().limit(DENSE).subquery()
            cache[probe] = db.session.scalar(select(func.count()).select_from(first)) >= DENSE
        return cache[probe]

    def condition(self) -> ColumnElement[bool]:
        """The condition on `id_column`/`text_column` for the rows matching, index-served."""
        if not on_sqlite() or self.is_dense():
            return self.like()
        return self.id_column.in_(self.index_ids())


def _probes() -> dict:
    from flask import g, has_app_context

    if not has_app_context():
        return {}
    if "search_probes" not in g:
        g.search_probes = {}
    return g.search_probes


def on_sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def matching(table_name: str, id_column, text_column, text: str, reach: Reach | None = None):
    """Return the condition: the folded `text` is in the row's folded column (to `reach`).

    An empty query (or one of blanks) matches every row, as LIKE '%%' did.
    """
    key = search_key(text)
    if not key:
        return true()
    return Found(
        table_name, id_column, text_column, key, widest(key) if reach is None else reach
    ).condition()


def index_ids(table_name: str, id_column, text_column, text: str):
    """Select the ids of the rows matching `text` through SQLite's index, when it has few.

    None on PostgreSQL, or when the index has `DENSE` rows or more: then `matching` (LIKE)
    is the better condition. Lists that search several tables join such selects in a UNION,
    which SQLite looks up by id: with an OR of them it would walk the whole list in order.
    """
    key = search_key(text)
    if not key or not on_sqlite():
        return None
    found = Found(table_name, id_column, text_column, key, widest(key))
    return None if found.is_dense() else found.index_ids()


def first_ids(table_name: str, id_column, text_column, key: str, reach: Reach, limit: int):
    """Select the ids of at most `limit` rows whose folded column matches the folded `key` to
    `reach`, the latest written first, wherever they stand in a list's order.

    Bounded whatever the word: SQLite reads the index's matches backwards from the highest
    rowid and stops; PostgreSQL's planner serves the LIKE with the trigram index, or walks
    the primary key backwards for a word most rows hold. The header search ranks these.
    """
    found = Found(table_name, id_column, text_column, key, reach)
    if on_sqlite():
        ids = found.index_ids()
        rowid = ids.selected_columns[0]
        return ids.order_by(rowid.desc()).limit(limit)
    return select(id_column).where(found.like()).order_by(id_column.desc()).limit(limit)


def one_of(id_column, *ways) -> ColumnElement[bool] | None:
    """The condition: a row is found one of `ways`, each (ids select or None, condition).

    When every way has its ids (few rows, see `index_ids`) and together fewer than `DENSE`,
    the row's id is looked up in their UNION; otherwise the conditions are joined with OR,
    for the list's order to be walked (None if a way has no condition: the caller builds it).
    """
    if all(ids is not None for ids, _ in ways):
        found = union_all(*(ids.correlate(None) for ids, _ in ways))
        # A city's name may bring thousands of events: then walking in order is sooner too.
        first = select(found.subquery().c[0]).limit(DENSE).subquery()
        if db.session.scalar(select(func.count()).select_from(first)) < DENSE:
            return id_column.in_(found)
    conditions = [condition for _, condition in ways]
    return None if any(c is None for c in conditions) else or_(*conditions)


def in_the_models(name: str | None, type_: str, parent_names: dict) -> bool:
    """Whether a table or index of the database is described by the models (for comparisons).

    The search indexes are made by the migrations, not by the models: schema comparisons
    (`flask db migrate`, tests/core/test_schema.py) pass this as `include_name`.
    """
    if type_ == "table" and name:
        return not any(name.startswith(f"{searched}_search") for searched in SEARCHED)
    if type_ == "index" and name:
        # The trigram indexes, and the sorted ones of each text's start (search/starts.py).
        made = {f"ix_{t}_{c}_{way}" for t, c in SEARCHED.items() for way in ("trgm", "start")}
        return name not in made
    return True
