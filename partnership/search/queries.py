"""One search box for every kind of record, reusing each area's own list search."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from partnership.events.queries import any_event, chronological, db_scalars, filter_by_text
from partnership.formatting import EVENT_ENDPOINTS, EVENT_KIND_LABELS, format_fuzzy
from partnership.funding.queries import grant_list
from partnership.labels import label
from partnership.partners.queries import city_list, organisation_list
from partnership.people.queries import contact_list
from partnership.press.queries import article_list
from partnership.visits.queries import delegation_list

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
    endpoint: str
    query: Callable[[str], Select]
    detail: Callable[[object], str]


def _event_query(text: str) -> Select:
    event = any_event()
    return filter_by_text(select(event), event, text).order_by(*chronological(event))


KINDS = (
    Kind(
        _l("Cities"),
        "cities.detail",
        city_list,
        lambda c: ", ".join(n.name for n in c.alternative_names),
    ),
    Kind(
        _l("Contacts"),
        "contacts.detail",
        contact_list,
        lambda c: " · ".join(filter(None, [c.role_title, str(c.organisation or "")])),
    ),
    Kind(_l("Organisations"), "organisations.detail", organisation_list, lambda o: label(o.kind)),
    Kind(
        _l("Events"),
        "",
        _event_query,
        lambda e: f"{EVENT_KIND_LABELS[e.kind]} · {format_fuzzy(e.date)}",
    ),
    Kind(_l("Delegations"), "delegations.detail", delegation_list, lambda d: ""),
    Kind(_l("Press articles"), "press.detail", article_list, lambda a: a.outlet),
    Kind(_l("Grants"), "grants.detail", grant_list, lambda g: str(g.funder)),
)


def search_everything(text: str) -> list[HitGroup]:
    """Return the records matching `text`, grouped by kind; cities match under any name."""
    text = text.strip()
    if not text:
        return []
    groups = []
    for kind in KINDS:
        records = db_scalars(kind.query(text).limit(LIMIT_PER_KIND))
        hits = [
            Hit(kind.endpoint or EVENT_ENDPOINTS[r.kind], r.id, str(r), kind.detail(r))
            for r in records
        ]
        if hits:
            groups.append(HitGroup(kind.label, hits))
    return groups
