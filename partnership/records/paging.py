"""List pages that cost the same with 2,000 records or 100,000, on the first page and the last.

A page asks two things, whatever the list: the ids of its rows along the list's order (one
page of an index, no row read) together with how many records match up to COUNT_CAP (the
pager says "more than 1,000" beyond it instead of counting every row), then the rows of those
ids with what their columns show. Counting every match, or sorting every record of a kind,
grew with the office; these do not.
"""

import re
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, inspect, or_, select

from partnership.events.queries import newest_first
from partnership.events.text_filter import filter_by_text
from partnership.extensions import db
from partnership.partners.queries import cities_named
from partnership.records.entity import Entity
from partnership.search.fulltext import Found, Reach, on_sqlite, widest
from partnership.text import search_key

# Counting stops here: past it, the exact number is not worth reading every match.
COUNT_CAP = 1000
# A list's query may name, as this execution option, a select of the same ids that an index
# serves: its own condition walks the list's order (SQLite, a word in many records), which
# meets a page of matches soon but reads a row for every record to count a thousand.
COUNTED_BY = "counted_by"


@dataclass(frozen=True)
class ListPage:
    """One page of a list, and what its pager needs to know."""

    items: list
    page: int
    per_page: int
    has_next: bool
    # The matching records, counted up to COUNT_CAP + 1 (more than the cap: not counted on).
    counted: int

    @property
    def cap(self) -> int:
        return COUNT_CAP

    @property
    def capped(self) -> bool:
        return self.counted > COUNT_CAP

    @property
    def total(self) -> int | None:
        return None if self.capped else self.counted

    @property
    def pages(self) -> int | None:
        """The number of pages, or None where the count stopped at the cap."""
        return None if self.capped else max(1, -(-self.counted // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1

    @property
    def past_end(self) -> bool:
        """An address asked for a page after the last: it shows no rows, only the way back."""
        return not self.items and self.page > 1


def list_ids(entity: Entity, text: str) -> Select:
    """Select the ids of the records the list shows for `text`, in the list's order."""
    mapper = inspect(entity.model)
    if mapper.inherits is None:
        return entity.list_query(text).with_only_columns(entity.model.id)
    # A kind of event: every kind's list is `events.queries.event_list`, newest first. Asked
    # of the event table alone and by its kind, the ids are a range of the index
    # `ix_event_kind_timeline`; through the kind's own table, SQLite sorted every row of the
    # kind, or walked the whole timeline for a rare kind.
    base = mapper.base_mapper.class_
    of_kind = select(base.id).where(mapper.polymorphic_on == mapper.polymorphic_identity)
    if on_sqlite() or not search_key(text):
        return filter_by_text(of_kind, base, text).order_by(*newest_first(base))
    return of_kind.where(_events_found(base, text)).order_by(*newest_first(base))


def _events_found(base, text: str):
    """PostgreSQL: the condition on events whose folded text holds `text`, or whose partner
    city is named so, that the planner can serve from indexes.

    The cities are read first (few, or none): asked inside the statement, their subquery kept
    the trigram index out of an OR, and the kind's whole index was walked for a rare text.
    A long text is looked up by its two most telling words (one with digits, then the
    longest), and held whole by `strpos`: the trigram index asked for every trigram of a
    title read the long lists of its common ones ("with", "partner"), a cost growing with
    the table, where two words' lists meet at once.
    """
    key = search_key(text)
    cities = db.session.scalars(cities_named(text)).all()
    held = text_held(Found("event", base.id, base.search_text, key, widest(key)))
    return or_(held, base.partner_city_id.in_(cities)) if cities else held


def text_held(found: Found):
    """PostgreSQL: `found`'s condition (its LIKE), a long text asked by its two most telling
    words and held whole (see `_events_found`), for the trigram index to serve."""
    key, text_column = found.key, found.text_column
    words = [word for word in re.split(r"\W+", key) if len(word) >= 3]
    if found.reach is not Reach.ANYWHERE or len(words) <= 2:
        return found.like()
    telling = sorted(words, key=lambda w: (any(c.isdigit() for c in w), len(w)))[-2:]
    return and_(
        *(text_column.contains(word, autoescape=True) for word in telling),
        func.strpos(text_column, key) > 0,
    )


def rows_of(entity: Entity, ids: list[int]) -> list:
    """Load the records of `ids` with what the list shows of them, in the order of `ids`."""
    if not ids:
        return []
    # The list's own query without a text: its loader options and joins, none of its filters.
    model = entity.model
    query = entity.list_query("").where(model.id.in_(ids)).order_by(None)
    found = db.session.scalars(query).unique().all()
    position = {record_id: number for number, record_id in enumerate(ids)}
    return sorted(found, key=lambda record: position[record.id])


def list_page(entity: Entity, text: str, page: int, per_page: int) -> ListPage:
    """Return page `page` of the entity's list for `text` (a page past the end is empty)."""
    ids = list_ids(entity, text)
    counted = ids.get_execution_options().get(COUNTED_BY, ids)
    # The capped count rides along with the page's ids, one statement: both engines work out
    # an uncorrelated subquery once. A page past the end gets no row, so no count either; it
    # shows none (only the way back), and with at most COUNT_CAP matches its walk is short.
    first_ones = counted.order_by(None).limit(COUNT_CAP + 1).subquery()
    counting = select(func.count()).select_from(first_ones).correlate(None).scalar_subquery()
    offset = (page - 1) * per_page
    found = db.session.execute(ids.add_columns(counting).limit(per_page + 1).offset(offset)).all()
    page_ids = [row[0] for row in found]
    return ListPage(
        items=rows_of(entity, page_ids[:per_page]),
        page=page,
        per_page=per_page,
        has_next=len(page_ids) > per_page,
        counted=found[0][1] if found else 0,
    )
