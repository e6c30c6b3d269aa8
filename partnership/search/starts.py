"""The header search's two narrow tiers, a text equal to the query and a text starting with it,
served by an ordinary sorted index of each folded text, on both engines.

The trigram index answers these too, but every trigram of a common word is in every row: it
hands over the whole table for the check to throw away. A sorted index of the texts (on
PostgreSQL of their first `HEAD` characters) finds the texts equal to a query, or starting
with it, as one range of its entries (the migration `a4c8e2f61d37` makes
`ix_<table>_<column>_start`; the text is already folded, so the range is taken in plain code
point order: "C" on PostgreSQL, BINARY on SQLite).

Equal texts stand in the index in the order of their ids, so the newest of them are read
first. Texts starting with the query are not: the range is read in the index's order up to
`DENSE` entries; when it holds fewer, those are all of them and the newest are picked from
them; when it holds more (a start many texts share), the newest matches are read as the wider
tiers read theirs, and soon fill the page. One statement either way."""

import sys

from sqlalchemy import ColumnElement, Select, and_, case, func, literal_column, select, union_all

from partnership.search import fulltext
from partnership.search.fulltext import DENSE, Found, Reach, on_sqlite

# Characters of each text in PostgreSQL's index: a whole name mostly, and short enough for any
# script to fit a btree entry (at most 4 bytes each).
HEAD = 64


def index_name(table_name: str, column_name: str) -> str:
    return f"ix_{table_name}_{column_name}_start"


def head(text_column) -> tuple[ColumnElement, int | None]:
    """The indexed expression, written as the index is (the planner matches it literally),
    and how many characters of the text it holds (None: all)."""
    if on_sqlite():
        # SQLite's index entries take a whole text; the column itself is indexed there.
        return text_column, None
    # The length written out, not bound: a bound one would be another expression.
    return func.left(text_column, literal_column(str(HEAD))).collate("C"), HEAD


def after_prefix(key: str) -> str | None:
    """The least text greater than every text starting with `key` (None: no such bound)."""
    while key:
        last = ord(key[-1]) + 1
        if 0xD800 <= last <= 0xDFFF:  # no text holds a surrogate (UTF-8 has none)
            last = 0xE000
        if last <= sys.maxunicode:
            return key[:-1] + chr(last)
        key = key[:-1]
    return None


def named_ids(found: Found, limit: int) -> Select:
    """The newest `limit` rows whose text is the key: the equal entries, read backwards."""
    start, length = head(found.text_column)
    if length is None:
        condition = start == found.key
    else:
        condition = start == found.key[:length]
        if len(found.key) >= length:  # a longer text may start with the same characters
            condition = and_(condition, found.text_column == found.key)
    return select(found.id_column).where(condition).order_by(found.id_column.desc()).limit(limit)


def starting_ids(found: Found, limit: int):
    """The newest `limit` rows whose text starts with the key (see the module's note)."""
    start, length = head(found.text_column)
    key = found.key if length is None else found.key[:length]
    bound = after_prefix(key)
    in_range = start >= key if bound is None else and_(start >= key, start < bound)
    if key != found.key:
        in_range = and_(in_range, found.like())
    # In the index's order: no sort, and at most DENSE entries read.
    first = select(found.id_column.label("id")).where(in_range).limit(DENSE).cte()
    held = select(func.count()).select_from(first).scalar_subquery()
    few = select(first.c.id).where(held < DENSE).order_by(first.c.id.desc()).limit(limit)
    if on_sqlite():
        # The trigram index's matches from the newest on: a start many texts share is found
        # soon there. SQLite would test the condition on every match it reads: a limit of none
        # stops it before the first.
        ids = found.index_ids()
        rowid = ids.selected_columns[0]
        many = ids.order_by(rowid.desc()).limit(case((held >= DENSE, limit), else_=0))
    else:
        # The table from its newest row on, or as the planner finds best; PostgreSQL reads
        # nothing of this part when the range held fewer.
        many = (
            select(found.id_column)
            .where(held >= DENSE, found.like())
            .order_by(found.id_column.desc())
            .limit(limit)
        )
    return union_all(few.subquery().select(), many.subquery().select())


def first_ids(table_name: str, id_column, text_column, key: str, reach: Reach, limit: int):
    """As `fulltext.first_ids`: the ids of at most `limit` rows matching the folded `key` to
    `reach`, the latest written first; the two narrow reaches through the sorted index."""
    if reach > Reach.START:
        return fulltext.first_ids(table_name, id_column, text_column, key, reach, limit)
    found = Found(table_name, id_column, text_column, key, reach)
    return named_ids(found, limit) if reach is Reach.NAME else starting_ids(found, limit)
