"""One search box for every kind of record, reusing each area's own list search.

Every kind whose description has a `search_detail` is searched with its list's query; events of
every kind are searched together, as one group. The groups follow the order of the header's
menus, so a kind is found where its list is.

Within a group the records named exactly so come first, then those whose name starts with the
query, then the rest in the list's own order: each is one query on the full-text index, asked
for no more than a group shows, so a common word costs no more on a large office.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, case, func, select

from partnership.events.models import Event
from partnership.events.queries import any_event, chronological, db_scalars, filter_by_text
from partnership.events.texts import event_title
from partnership.formatting import format_fuzzy
from partnership.modeltypes import Searchable
from partnership.navigation import MENUS
from partnership.partners.models import City, CityName
from partnership.partners.queries import cities_named
from partnership.records.entity import Entity, entities, entity_of
from partnership.search.fulltext import Reach, index_ids, matching, one_of, reaches
from partnership.text import search_key

LIMIT_PER_KIND = 25


@dataclass(frozen=True)
class Hit:
    endpoint: str
    object_id: int
    title: str
    detail: str


@dataclass(frozen=True)
class HitGroup:
    label: str
    hits: list[Hit]


# Ranked before the rest, in this order: the name itself, then names starting with the query.
RANKED = (Reach.NAME, Reach.START)


def named(model, text: str, reach: Reach) -> ColumnElement[bool] | None:
    """The condition: the record's name (its folded text's start) matches `text` to `reach`."""
    if model is Event:
        return matching("event", Event.id, Event.search_text, text, reach)
    if model is City:
        return City.id.in_(cities_named(text, reach))
    if issubclass(model, Searchable):
        return model.matches(text, reach)
    return None


def rank(model, key: str) -> ColumnElement[int] | None:
    """0 for a record named `key`, 1 for a name starting with it, else 2."""

    def of(column):
        return case((column == key, 0), (column.startswith(key, autoescape=True), 1), else_=2)

    if model is City:
        named_so = select(func.min(of(CityName.search_key))).where(CityName.city_id == City.id)
        return func.coalesce(named_so.scalar_subquery(), 2)
    return of(model.search_text) if issubclass(model, Searchable) else None


def few_found(model, text: str) -> bool:
    """Whether SQLite's index finds few records by their own text (and, for events, by their
    city's names): then the records are looked up by id and sorting them all costs little."""
    if model is City:
        model, column = CityName, CityName.search_key
    else:
        column = model.search_text
    table_name = column.property.columns[0].table.name
    ids = index_ids(table_name, model.id, column, text)
    if ids is None or model is not Event:
        return ids is not None
    return (
        one_of(
            Event.id,
            (ids, None),
            (select(Event.id).where(Event.partner_city_id.in_(cities_named(text))), None),
        )
        is not None
    )


@dataclass(frozen=True)
class SearchedKind:
    label: str
    query: Callable[[str], Select]
    detail: Callable[[object], str]
    place: tuple[int, int]
    model: type

    def hit(self, record) -> Hit:
        endpoint = entity_of(record).detail_endpoint
        # An event reads in the reader's language where the office wrote it in that one too.
        return Hit(endpoint, record.id, event_title(record), self.detail(record) or "")

    def find(self, text: str, limit: int) -> list:
        """Return the first `limit` records matching `text`: exact names, starting names, rest."""
        key = search_key(text)
        ranked = rank(self.model, key)
        if ranked is not None and few_found(self.model, text):
            # Few rows in all: one query ranks them (SQLite; see `few_found`).
            query = self.query(text)
            order = query._order_by_clauses
            return db_scalars(query.order_by(None).order_by(ranked, *order).limit(limit))
        found: list = []
        narrower = [reach for reach in RANKED if reach < reaches(key)[-1]]
        for reach in [*narrower, None]:
            condition = named(self.model, text, reach) if reach is not None else None
            if reach is not None and condition is None:
                continue
            # A name matching is a text matching: the narrower reaches need not the list's own
            # search (which, for events, also looks at their cities' names).
            query = self.query(text) if condition is None else self.query("").where(condition)
            if found:
                query = query.where(self.model.id.not_in([record.id for record in found]))
            found += db_scalars(query.limit(limit - len(found)))
            if len(found) >= limit:
                break
        return found


def _event_query(text: str) -> Select:
    event = any_event()
    return filter_by_text(select(event), event, text).order_by(*chronological(event))


def _event_detail(event) -> str:
    return f"{entity_of(event).singular} · {format_fuzzy(event.date)}"


def _place(menu: str, order: int) -> tuple[int, int]:
    """Sort by the header's menus, then by the place within the menu."""
    menus = {m.key: m.order for m in MENUS}
    return (menus.get(menu, max(menus.values()) + 1), order)


# Before the kinds of its menu: every event kind (visits, agreements...) is one of them.
EVENTS = SearchedKind(_l("Events"), _event_query, _event_detail, _place("record", 0), Event)


def _searched(entity: Entity) -> SearchedKind:
    place = _place(entity.nav.menu, entity.nav.order) if entity.nav else _place("", 0)
    return SearchedKind(entity.plural, entity.list_query, entity.search_detail, place, entity.model)


def searched_kinds() -> list[SearchedKind]:
    """Return the kinds the header search looks in, in the order of the header's menus."""
    kinds = [
        _searched(entity)
        for entity in entities()
        if entity.search_detail is not None and not issubclass(entity.model, Event)
    ]
    return sorted([EVENTS, *kinds], key=lambda kind: kind.place)


def search_everything(text: str) -> list[HitGroup]:
    """Return the records matching `text`, grouped by kind; cities match under any name."""
    text = text.strip()
    if not text:
        return []
    groups = []
    for kind in searched_kinds():
        hits = [kind.hit(record) for record in kind.find(text, LIMIT_PER_KIND)]
        if hits:
            groups.append(HitGroup(kind.label, hits))
    return groups
