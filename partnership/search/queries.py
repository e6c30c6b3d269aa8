"""One search box for every kind of record, reusing each area's own list search.

Every kind whose description has a `search_detail` is searched with its list's query; events of
every kind are searched together, as one group.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from partnership.events.models import Event
from partnership.events.queries import any_event, chronological, db_scalars, filter_by_text
from partnership.formatting import EVENT_ENDPOINTS, EVENT_KIND_LABELS, format_fuzzy
from partnership.navigation import MENUS
from partnership.records.entity import Entity, entities, entity_of

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


@dataclass(frozen=True)
class Kind:
    label: str
    query: Callable[[str], Select]
    endpoint: Callable[[object], str]
    detail: Callable[[object], str]
    # Where the kind sits in the header's menus: the groups follow that order.
    place: tuple[int, int]


def _event_query(text: str) -> Select:
    event = any_event()
    return filter_by_text(select(event), event, text).order_by(*chronological(event))


def _event_endpoint(event) -> str:
    entity = entity_of(event)
    return entity.detail_endpoint if entity is not None else EVENT_ENDPOINTS[event.kind]


def _event_detail(event) -> str:
    entity = entity_of(event)
    kind = entity.singular if entity is not None else EVENT_KIND_LABELS[event.kind]
    return f"{kind} · {format_fuzzy(event.date)}"


def _place(menu: str, order: int) -> tuple[int, int]:
    menus = {m.key: m.order for m in MENUS}
    return (menus.get(menu, len(menus) * 100), order)


EVENTS = Kind(_l("Events"), _event_query, _event_endpoint, _event_detail, _place("record", 0))


def _kind_of(entity: Entity) -> Kind:
    return Kind(
        entity.plural,
        entity.list_query,
        lambda record: entity.detail_endpoint,
        entity.search_detail,
        _place(entity.nav.menu, entity.nav.order) if entity.nav else _place("", 0),
    )


def searched_kinds() -> list[Kind]:
    """Return the kinds the header search looks in, in the order of the header's menus."""
    described = [
        entity
        for entity in entities()
        # Events are one group of their own, whatever their kind.
        if entity.search_detail is not None and not issubclass(entity.model, Event)
    ]
    kinds = [_kind_of(entity) for entity in described]
    # Areas that do not describe their search yet.
    from partnership.search.legacy_kinds import legacy_kinds

    names = {entity.name for entity in described}
    kinds += [kind for name, kind in legacy_kinds().items() if name not in names]
    return sorted([EVENTS, *kinds], key=lambda kind: kind.place)


def search_everything(text: str) -> list[HitGroup]:
    """Return the records matching `text`, grouped by kind; cities match under any name."""
    text = text.strip()
    if not text:
        return []
    groups = []
    for kind in searched_kinds():
        records = db_scalars(kind.query(text).limit(LIMIT_PER_KIND))
        hits = [Hit(kind.endpoint(r), r.id, str(r), kind.detail(r) or "") for r in records]
        if hits:
            groups.append(HitGroup(kind.label, hits))
    return groups
