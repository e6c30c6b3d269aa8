"""One search box for every kind of record."""

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from partnership.events.queries import any_event, chronological, db_scalars
from partnership.formatting import EVENT_ENDPOINTS, EVENT_KIND_LABELS, format_fuzzy
from partnership.funding.models import Grant
from partnership.partners.models import City, Organisation
from partnership.partners.queries import cities_named
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import Delegation

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


def search_everything(text: str) -> list[HitGroup]:
    """Return the records matching `text`, grouped by kind; cities match under any name."""
    text = text.strip()
    if not text:
        return []
    pattern = f"%{text}%"
    groups = [
        HitGroup(
            "Cities",
            [
                Hit("cities.detail", c.id, c.name, ", ".join(n.name for n in c.names[1:]))
                for c in db_scalars(
                    select(City)
                    .options(selectinload(City.names))
                    .where(City.id.in_(cities_named(text)))
                    .order_by(City.name)
                    .limit(LIMIT_PER_KIND)
                )
            ],
        ),
        HitGroup(
            "Contacts",
            [
                Hit(
                    "contacts.detail",
                    c.id,
                    c.name,
                    " · ".join(filter(None, [c.role_title, str(c.organisation or "")])),
                )
                for c in db_scalars(
                    select(Contact)
                    .outerjoin(Organisation, Contact.organisation_id == Organisation.id)
                    .options(selectinload(Contact.organisation))
                    .where(
                        or_(
                            Contact.name.ilike(pattern),
                            Organisation.name.ilike(pattern),
                            Contact.email.ilike(pattern),
                        )
                    )
                    .order_by(Contact.name)
                    .limit(LIMIT_PER_KIND)
                )
            ],
        ),
        HitGroup(
            "Organisations",
            [
                Hit("organisations.detail", o.id, o.name, o.kind)
                for o in db_scalars(
                    select(Organisation)
                    .where(Organisation.name.ilike(pattern))
                    .order_by(Organisation.name)
                    .limit(LIMIT_PER_KIND)
                )
            ],
        ),
        HitGroup("Events", _event_hits(text, pattern)),
        HitGroup(
            "Delegations",
            [
                Hit("delegations.detail", d.id, d.name, "")
                for d in db_scalars(
                    select(Delegation)
                    .where(
                        or_(
                            Delegation.name.ilike(pattern),
                            Delegation.origin_city_id.in_(cities_named(text)),
                        )
                    )
                    .order_by(Delegation.name)
                    .limit(LIMIT_PER_KIND)
                )
            ],
        ),
        HitGroup(
            "Press articles",
            [
                Hit("press.detail", a.id, a.title, a.outlet)
                for a in db_scalars(
                    select(PressArticle)
                    .where(
                        or_(PressArticle.title.ilike(pattern), PressArticle.outlet.ilike(pattern))
                    )
                    .order_by(PressArticle.title)
                    .limit(LIMIT_PER_KIND)
                )
            ],
        ),
        HitGroup(
            "Grants",
            [
                Hit("grants.detail", g.id, str(g), "")
                for g in db_scalars(
                    select(Grant)
                    .where(or_(Grant.reference.ilike(pattern), Grant.title.ilike(pattern)))
                    .order_by(Grant.reference)
                    .limit(LIMIT_PER_KIND)
                )
            ],
        ),
    ]
    return [group for group in groups if group.hits]


def _event_hits(text: str, pattern: str) -> list[Hit]:
    event = any_event()
    query = (
        select(event)
        .where(
            or_(
                event.title.ilike(pattern),
                event.summary.ilike(pattern),
                event.partner_city_id.in_(cities_named(text)),
            )
        )
        .order_by(*chronological(event))
        .limit(LIMIT_PER_KIND)
    )
    return [
        Hit(
            EVENT_ENDPOINTS[e.kind],
            e.id,
            e.title,
            f"{EVENT_KIND_LABELS[e.kind]} · {format_fuzzy(e.date)}",
        )
        for e in db_scalars(query)
    ]
