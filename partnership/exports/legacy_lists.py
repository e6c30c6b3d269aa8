"""The downloads of list pages whose areas do not yet describe them (see `lists.py`)."""

from decimal import Decimal

from sqlalchemy.orm import selectinload

from partnership.agreements.models import Agreement, AgreementParty
from partnership.events.queries import event_list, milestone_list, topic_list
from partnership.exports.lists import ListExport
from partnership.funding.models import Grant, GrantEvent
from partnership.funding.queries import grant_list, programme_list
from partnership.imports.schemas import CONTACTS, EXCHANGES, PRESS, VISITS
from partnership.imports.values import label
from partnership.partners.models import Partnership
from partnership.partners.queries import (
    city_list,
    partnership_list,
)
from partnership.people.queries import contact_list
from partnership.press.queries import article_list
from partnership.visits.models import Delegation, DelegationMember
from partnership.visits.queries import delegation_list, visit_list


def _from_schema(schema, query, personal: bool = False) -> ListExport:
    columns = tuple((column.name, column.write) for column in schema.columns)
    return ListExport(query, columns, schema.load_options, personal)


def _name(record) -> str:
    return "" if record is None else str(record)


def _yes(value) -> str:
    return "yes" if value else "no"


def _day(value) -> str:
    return value.isoformat() if value else ""


def _fuzzy(record) -> str:
    return record.date.format("en") if record.date else ""


def _topics(event) -> str:
    return ", ".join(topic.name for topic in event.topics)


def _amount(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def _other_names(city) -> str:
    return "; ".join(str(name) for name in city.alternative_names)


LEGACY_EXPORTS: dict[str, ListExport] = {
    "contacts": _from_schema(CONTACTS, contact_list, personal=True),
    "visits": _from_schema(VISITS, visit_list),
    "exchanges": _from_schema(EXCHANGES, event_list(EXCHANGES.model)),
    "press": _from_schema(PRESS, article_list),
    "cities": ListExport(
        city_list,
        (
            ("Name", lambda c: c.name),
            ("Other names", _other_names),
            ("Country", lambda c: c.country_code),
            ("Region", lambda c: c.region),
            ("Home city", lambda c: _yes(c.is_home)),
            ("Notes", lambda c: c.notes),
        ),
    ),
    "partnerships": ListExport(
        partnership_list,
        (
            ("Home city", lambda p: _name(p.home_city)),
            ("Partner city", lambda p: _name(p.partner_city)),
            ("Kind", lambda p: p.kind.value),
            ("Status", lambda p: p.status.value),
            ("Since", _fuzzy),
            ("Coordinator", lambda p: _name(p.coordinator)),
            ("Notes", lambda p: p.notes),
        ),
        (selectinload(Partnership.coordinator),),
        personal=True,
    ),
    "delegations": ListExport(
        delegation_list,
        (
            ("Name", lambda d: d.name),
            ("From city", lambda d: _name(d.origin_city)),
            ("From organisation", lambda d: _name(d.origin_organisation)),
            ("Head", lambda d: _name(d.head)),
            ("People", lambda d: d.known_size or ""),
            ("Members", lambda d: ", ".join(m.contact.name for m in d.members)),
            ("Notes", lambda d: d.notes),
        ),
        (
            selectinload(Delegation.origin_organisation),
            selectinload(Delegation.members).selectinload(DelegationMember.contact),
        ),
        personal=True,
    ),
    "agreements": ListExport(
        event_list(Agreement),
        (
            ("Title", lambda a: a.title),
            ("Signed on", _fuzzy),
            ("Kind", lambda a: a.agreement_kind.value),
            ("Status", lambda a: a.status.value),
            ("Partner city", lambda a: _name(a.partner_city)),
            ("Parties", lambda a: " | ".join(str(p.party) for p in a.parties)),
            ("Signed during", lambda a: label(a.signed_during) if a.signed_during else ""),
            ("Valid until", lambda a: _day(a.valid_until)),
            ("Document", lambda a: a.document_url),
            ("Summary", lambda a: a.summary),
            ("Topics", _topics),
            ("Notes", lambda a: a.notes),
        ),
        (
            selectinload(Agreement.parties).selectinload(AgreementParty.city),
            selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
            selectinload(Agreement.signed_during),
        ),
    ),
    "milestones": ListExport(
        milestone_list,
        (
            ("Title", lambda m: m.title),
            ("Date", _fuzzy),
            ("Kind", lambda m: m.milestone_kind.value),
            ("Place", lambda m: m.place),
            ("Partner city", lambda m: _name(m.partner_city)),
            ("Summary", lambda m: m.summary),
            ("Topics", _topics),
            ("Notes", lambda m: m.notes),
        ),
    ),
    "grants": ListExport(
        grant_list,
        (
            ("Reference", lambda g: g.reference),
            ("Title", lambda g: g.title),
            ("Funder", lambda g: _name(g.funder)),
            ("Programme", lambda g: _name(g.programme)),
            ("Amount", lambda g: _amount(g.amount)),
            ("Currency", lambda g: g.currency),
            ("Period from", lambda g: _day(g.period_start)),
            ("Period to", lambda g: _day(g.period_end)),
            ("Funded events", lambda g: " | ".join(label(link.event) for link in g.funded_events)),
            ("Notes", lambda g: g.notes),
        ),
        (selectinload(Grant.funded_events).selectinload(GrantEvent.event),),
    ),
    "programmes": ListExport(
        programme_list,
        (
            ("Name", lambda p: p.name),
            ("Funder", lambda p: _name(p.funder)),
            ("Notes", lambda p: p.notes),
        ),
    ),
    "topics": ListExport(
        topic_list,
        (("Name", lambda t: t.name), ("Events", lambda t: len(t.events))),
    ),
}
