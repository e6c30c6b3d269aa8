"""One search box for every kind of record, found the way each area's own list finds them.

Every kind whose description has a `search_detail` is searched; events of every kind are
searched together, as one group. The groups follow the order of the header's menus, so a kind
is found where its list is.

Within a group the records named exactly so come first, then those whose name starts with the
query, then the rest (what the list's own search finds: for events, organisations, contacts and
delegations also through their cities' names, for contacts through their organisation's), each
tier in the list's order. Each kind costs the same SQL whatever the word and the size of the
office: one statement takes the first `CANDIDATES` matches of every reach from the full-text
index (the latest written first, see `first_ids`), keeps each record's narrowest reach, ranks
them and returns the first `LIMIT_PER_KIND` with what they show of their related records; a
kind whose hits show a list of other rows (an event's titles in more languages, a city's
names) reads them with exactly one more statement, asked also when nothing was found.
A word most records hold thus shows the first matches of the latest written, not of the whole
list: the list itself, with the same word, pages through all of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, literal, select, union_all
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from partnership.events.models import Event, EventText
from partnership.events.queries import chronological
from partnership.events.texts import event_title
from partnership.extensions import db
from partnership.formatting import format_fuzzy
from partnership.funding.models import Grant
from partnership.i18n import current_language, main_names_wanted
from partnership.navigation import MENUS
from partnership.partners.models import City, CityName, Organisation
from partnership.people.models import Contact
from partnership.records.entity import Entity, entities, entity_of
from partnership.search.fulltext import Reach, reaches
from partnership.search.starts import first_ids
from partnership.text import search_key
from partnership.visits.models import Delegation

LIMIT_PER_KIND = 25
# The first matches of each reach taken from the index: as many as a group shows (a record
# found in a narrower reach is among a wider one's too, so each tier is then complete).
CANDIDATES = LIMIT_PER_KIND


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


def _cities(key: str, reach: Reach) -> Select:
    """The ids of cities known under a name matching `key` to `reach` (the first found)."""
    names = first_ids("city_name", CityName.id, CityName.search_key, key, reach, CANDIDATES)
    return select(CityName.city_id).where(CityName.id.in_(names.scalar_subquery()))


def _organisations(key: str, reach: Reach) -> Select:
    return first_ids(
        "organisation", Organisation.id, Organisation.search_text, key, reach, CANDIDATES
    )


# Records a list also finds through another record's name: (the column referring to it, the
# ids of the records so named). Contacts of an organisation, events of a partner city...
THROUGH = {
    Event: ((Event.partner_city_id, _cities),),
    Organisation: ((Organisation.city_id, _cities),),
    Contact: ((Contact.organisation_id, _organisations), (Contact.city_id, _cities)),
    Delegation: ((Delegation.origin_city_id, _cities),),
}
# What a hit shows of one related record, read in the same statement.
JOINED = {Contact: (Contact.organisation,), Grant: (Grant.funder,)}


def _own(model, key: str, reach: Reach) -> Select:
    """The ids of `model`'s records whose own text matches `key` to `reach` (the first)."""
    if model is City:
        return _cities(key, reach)
    column = model.search_text
    table_name = column.property.columns[0].table.name
    return first_ids(table_name, model.id, column, key, reach, CANDIDATES)


def ranked_ids(model, key: str) -> Select:
    """Select (id, rank) of the candidates: 0 named `key`, 1 starting so, 2 the rest."""
    widest = reaches(key)[-1]
    arms = [(0, _own(model, key, Reach.NAME))]
    if Reach.START < widest:
        arms.append((1, _own(model, key, Reach.START)))
    arms.append((2, _own(model, key, widest)))
    for column, named in THROUGH.get(model, ()):
        through = select(model.id).where(column.in_(named(key, widest).scalar_subquery()))
        # Unordered: the first found by the column's index, not all of a busy city's events.
        arms.append((2, through.limit(CANDIDATES)))
    # Each arm a subquery: SQLite takes no LIMIT on a member of a UNION itself.
    members = [
        select(literal(rank).label("rank"), arm.subquery().c[0].label("id")) for rank, arm in arms
    ]
    found = union_all(*members).subquery()
    return select(found.c.id, func.min(found.c.rank).label("rank")).group_by(found.c.id)


def _load_texts(events: list) -> None:
    """Read the titles in more languages of the events found (asked also for none)."""
    found: dict[int, list] = {event.id: [] for event in events}
    query = select(EventText).where(EventText.event_id.in_(list(found)))
    for text in db.session.scalars(query.order_by(EventText.language)):
        found[text.event_id].append(text)
    for event in events:
        set_committed_value(event, "texts", found[event.id])


def _load_names(cities: list) -> None:
    """Read the names of the cities found (asked also for none)."""
    found: dict[int, list] = {city.id: [] for city in cities}
    query = select(CityName).where(CityName.city_id.in_(list(found)))
    for name in db.session.scalars(query.order_by(CityName.id)):
        found[name.city_id].append(name)
    for city in cities:
        set_committed_value(city, "names", found[city.id])


# What hits show of a list of other rows, read by one more statement per kind.
LOADED = {Event: _load_texts, City: _load_names}


def _city_title(city: City) -> str:
    """The city's name in the reader's language (as `reader_name`), from the names read with
    it: the display's own lookup reads every city's names in that language."""
    if main_names_wanted():
        return city.name
    language = current_language()
    return next((n.name for n in city.names if n.language == language), city.name)


def _title(record) -> str:
    return _city_title(record) if isinstance(record, City) else event_title(record)


@dataclass(frozen=True)
class SearchedKind:
    label: str
    order: Callable[[], tuple]
    detail: Callable[[object], str]
    place: tuple[int, int]
    model: type

    def hit(self, record) -> Hit:
        endpoint = entity_of(record).detail_endpoint
        # An event reads in the reader's language where the office wrote it in that one too.
        return Hit(endpoint, record.id, _title(record), self.detail(record) or "")

    def find(self, key: str, limit: int) -> list:
        """Return the first `limit` records matching the folded `key`: exact names, starting
        names, the rest; each tier in the list's order."""
        best = ranked_ids(self.model, key).subquery()
        query = (
            select(self.model)
            .join(best, best.c.id == self.model.id)
            .order_by(best.c.rank, *self.order())
            .limit(limit)
            .options(*(joinedload(related) for related in JOINED.get(self.model, ())))
        )
        found = list(db.session.scalars(query).unique())
        if self.model in LOADED:
            LOADED[self.model](found)
        return found


def _event_detail(event) -> str:
    return f"{entity_of(event).singular} · {format_fuzzy(event.date)}"


def _place(menu: str, order: int) -> tuple[int, int]:
    """Sort by the header's menus, then by the place within the menu."""
    menus = {m.key: m.order for m in MENUS}
    return (menus.get(menu, max(menus.values()) + 1), order)


# Before the kinds of its menu: every event kind (visits, agreements...) is one of them.
EVENTS = SearchedKind(_l("Events"), chronological, _event_detail, _place("record", 0), Event)


def _searched(entity: Entity) -> SearchedKind:
    place = _place(entity.nav.menu, entity.nav.order) if entity.nav else _place("", 0)
    list_query = entity.list_query

    def order() -> tuple:
        # The list's own order (its query, built without a word, asks nothing of the database).
        return tuple(list_query("")._order_by_clauses)

    return SearchedKind(entity.plural, order, entity.search_detail, place, entity.model)


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
    key = search_key(text.strip())
    if not key:
        return []
    groups = []
    for kind in searched_kinds():
        hits = [kind.hit(record) for record in kind.find(key, LIMIT_PER_KIND)]
        if hits:
            groups.append(HitGroup(kind.label, hits))
    return groups
