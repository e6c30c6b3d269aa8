"""Load the Dortmund–Zhytomyr story of September 2023 from `story.toml`.

Every record is looked up by its natural key before it is created, so loading twice changes
nothing; the parts of a record (names, members, programme, links) are added only with it.
"""

import tomllib
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty, AgreementStatus
from partnership.events.services import topic_named
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.funding.models import Grant, GrantEvent, Participant, ParticipantOrigin
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import (
    City,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from partnership.partners.services import set_city_names
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    ProgrammeItem,
    Visit,
    VisitStatus,
)

STORY_FILE = Path(__file__).with_name("story.toml")


@cache
def story() -> dict:
    """Return the story as written in `story.toml`."""
    with STORY_FILE.open("rb") as file:
        return tomllib.load(file)


GRANT_REFERENCE = story()["grants"][0]["reference"]


def _get_or_create(model, lookup: dict, **values):
    found = db.session.scalars(select(model).filter_by(**lookup)).first()
    if found is not None:
        return found, False
    record = model(**lookup, **values)
    db.session.add(record)
    db.session.flush()
    return record, True


def _record_count() -> int:
    tables = (
        City,
        Organisation,
        Contact,
        Delegation,
        Visit,
        Agreement,
        PlannedExchange,
        PressArticle,
        Grant,
        Participant,
    )
    return sum(db.session.scalar(select(func.count()).select_from(t)) for t in tables)


def load_demo_story() -> bool:
    """Load the story; return True when anything new was written."""
    before = _record_count()
    _StoryLoader(story()).load()
    db.session.commit()
    return _record_count() != before


class _StoryLoader:
    """Write the story's records in their order, finding the ones they name by that name."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.cities: dict[str, City] = {}
        self.organisations: dict[str, Organisation] = {}
        self.contacts: dict[str, Contact] = {}
        self.events: dict[str, Visit | Agreement | PlannedExchange] = {}

    def load(self) -> None:
        for kind in (
            "cities",
            "organisations",
            "contacts",
            "partnerships",
            "visits",
            "agreements",
            "exchanges",
            "press",
            "grants",
            "participants",
        ):
            load_one = getattr(self, f"_{kind}")
            for entry in self.data.get(kind, ()):
                load_one(dict(entry))

    def _cities(self, entry: dict) -> None:
        other_names = [tuple(pair) for pair in entry.pop("other_names", ())]
        city, created = _get_or_create(City, {"name": entry.pop("name")}, **entry)
        if created:
            set_city_names(city, city.name, other_names)
        self.cities[city.name] = city

    def _organisations(self, entry: dict) -> None:
        city = self.cities.get(entry.pop("city", None))
        kind = OrganisationKind(entry.pop("kind"))
        organisation, _ = _get_or_create(
            Organisation, {"name": entry.pop("name")}, kind=kind, city=city, **entry
        )
        self.organisations[organisation.name] = organisation

    def _contacts(self, entry: dict) -> None:
        entry["organisation"] = self.organisations[entry["organisation"]]
        entry["city"] = self.cities[entry["city"]]
        contact, _ = _get_or_create(Contact, {"name": entry.pop("name")}, **entry)
        self.contacts[contact.name] = contact

    def _partnerships(self, entry: dict) -> None:
        lookup = {
            "home_city_id": self.cities[entry.pop("home_city")].id,
            "partner_city_id": self.cities[entry.pop("partner_city")].id,
        }
        entry["kind"] = PartnershipKind(entry["kind"])
        entry["status"] = PartnershipStatus(entry["status"])
        entry["coordinator"] = self.contacts[entry["coordinator"]]
        _get_or_create(Partnership, lookup, **entry)

    def _delegation(self, entry: dict) -> Delegation:
        members = entry.pop("members", ())
        entry["origin_city"] = self.cities[entry["origin_city"]]
        entry["origin_organisation"] = self.organisations[entry["origin_organisation"]]
        delegation, created = _get_or_create(Delegation, {"name": entry.pop("name")}, **entry)
        if created:
            for member in members:
                delegation.members.append(
                    DelegationMember(contact=self.contacts[member["contact"]], role=member["role"])
                )
        return delegation

    def _visits(self, entry: dict) -> None:
        topics = entry.pop("topics", ())
        programme = entry.pop("programme", ())
        entry["delegation"] = self._delegation(dict(entry.pop("delegation")))
        entry["direction"] = Direction(entry["direction"])
        entry["status"] = VisitStatus(entry["status"])
        self._event_fields(entry)
        visit, created = _get_or_create(Visit, {"title": entry.pop("title")}, **entry)
        if created and topics:
            visit.topics = [topic_named(name) for name in topics]
        if created and programme:
            visit.programme = [
                ProgrammeItem(position=position, description=text)
                for position, text in enumerate(programme)
            ]
        self.events[visit.title] = visit

    def _agreements(self, entry: dict) -> None:
        parties = entry.pop("parties", ())
        entry["agreement_kind"] = AgreementKind(entry.pop("kind"))
        entry["status"] = AgreementStatus(entry["status"])
        entry["signed_during"] = self.events[entry["signed_during"]]
        self._event_fields(entry)
        agreement, created = _get_or_create(Agreement, {"title": entry.pop("title")}, **entry)
        if created:
            agreement.parties = [
                AgreementParty(organisation=self.organisations[name]) for name in parties
            ]
        self.events[agreement.title] = agreement

    def _exchanges(self, entry: dict) -> None:
        entry["exchange_kind"] = ExchangeKind(entry.pop("kind"))
        entry["direction"] = Direction(entry["direction"])
        entry["status"] = ExchangeStatus(entry["status"])
        entry["origin_agreement"] = self.events[entry["origin_agreement"]]
        self._event_fields(entry)
        exchange, _ = _get_or_create(PlannedExchange, {"title": entry.pop("title")}, **entry)
        self.events[exchange.title] = exchange

    def _press(self, entry: dict) -> None:
        events = entry.pop("events", ())
        article, created = _get_or_create(PressArticle, {"title": entry.pop("title")}, **entry)
        if created:
            article.events = [self.events[title] for title in events]

    def _grants(self, entry: dict) -> None:
        funded_events = entry.pop("funded_events", ())
        entry["funder"] = self.organisations[entry["funder"]]
        grant, created = _get_or_create(Grant, {"reference": entry.pop("reference")}, **entry)
        if created:
            for funded in funded_events:
                grant.funded_events.append(
                    GrantEvent(event=self.events[funded["event"]], note=funded["note"])
                )

    def _participants(self, entry: dict) -> None:
        lookup = {
            "event_id": self.events[entry.pop("event")].id,
            "contact_id": self.contacts[entry.pop("contact")].id,
        }
        entry["origin"] = ParticipantOrigin(entry["origin"])
        _get_or_create(Participant, lookup, **entry)

    def _event_fields(self, entry: dict) -> None:
        """Turn an event's partner city and typed date into what its model holds."""
        entry["partner_city"] = self.cities[entry["partner_city"]]
        if "host_city" in entry:
            entry["host_city"] = self.cities[entry["host_city"]]
        entry["date"] = parse_fuzzy_date(entry["date"])
