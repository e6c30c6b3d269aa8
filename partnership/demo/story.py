"""Load the Dortmund–Zhytomyr story from `story.toml`.

Every record is written by its kind's service, as a page or an import would write it, so the
story obeys the same rules. Each is looked up by its natural key first, so loading twice changes
nothing; the parts of a record (members, grant links) are added only with it.
"""

import tomllib
from decimal import Decimal
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

from partnership.agreements.models import Agreement, AgreementKind, AgreementStatus
from partnership.demo.samples import attach_samples
from partnership.documents.models import Document
from partnership.events.models import Event, EventText
from partnership.events.services import topic_named
from partnership.events.texts import EventTextValues, save_event_text, text_for
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.extensions import db
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    Participant,
    ParticipantOrigin,
    Programme,
)
from partnership.funding.queries import event_participants
from partnership.fuzzydate import parse_fuzzy_date
from partnership.partners.models import (
    City,
    Organisation,
    OrganisationKind,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from partnership.people.models import Contact
from partnership.press.models import PressArticle
from partnership.public.publishing import set_published
from partnership.records.entity import discover, entity_named
from partnership.stages.models import StageKind
from partnership.visits.models import Delegation, Direction, Visit, VisitStatus
from partnership.visits.services import MemberValues, add_member

STORY_FILE = Path(__file__).with_name("story.toml")


@cache
def story() -> dict:
    """Return the story as written in `story.toml`."""
    with STORY_FILE.open("rb") as file:
        return tomllib.load(file)


GRANT_REFERENCE = story()["grants"][0]["reference"]


def _record_count() -> int:
    tables = (
        City,
        Organisation,
        Contact,
        Partnership,
        Delegation,
        Event,
        PressArticle,
        Grant,
        Participant,
        EventText,
        Programme,
        BudgetLine,
        CostItem,
        Document,
    )
    return sum(db.session.scalar(select(func.count()).select_from(t)) for t in tables)


def load_demo_story() -> bool:
    """Load the story; return True when anything new was written."""
    before = _record_count()
    _StoryLoader(story()).load()
    db.session.commit()
    return _record_count() != before


def _existing(kind: str, **key):
    """Return the record of `kind` with these values of its natural key, if there is one."""
    return db.session.scalars(select(entity_named(kind).model).filter_by(**key)).first()


def _create(kind: str, values: dict):
    """Write a new record of `kind` through its service; Invalid if the values break a rule."""
    entity = entity_named(kind)
    record = entity.model()
    entity.save(record, entity.values(**values))
    db.session.add(record)
    db.session.flush()
    return record


def _record(kind: str, values: dict, *key: str) -> tuple[object, bool]:
    """Return the record whose `key` values match and whether it was created just now."""
    found = _existing(kind, **{name: values[name] for name in key})
    if found is not None:
        return found, False
    return _create(kind, values), True


class _StoryLoader:
    """Write the story's records in their order, finding the ones they name by that name."""

    def __init__(self, data: dict) -> None:
        # The services are reached through the descriptions, which the areas register.
        discover()
        self.data = data
        self.cities: dict[str, City] = {}
        self.organisations: dict[str, Organisation] = {}
        self.contacts: dict[str, Contact] = {}
        # Partnerships by their partner city's name.
        self.partnerships: dict[str, Partnership] = {}
        self.events: dict[str, Visit | Agreement | PlannedExchange] = {}

    def load(self) -> None:
        for kind in (
            "cities",
            "organisations",
            "contacts",
            "partnerships",
            # The story's visits first: pages and tests know them by their first ids.
            "visits",
            "agreements",
            "exchanges",
            "stages",
            "aid",
            "press",
            "programmes",
            "grants",
            "budget_lines",
            "receipts",
            "participants",
            "samples",
        ):
            load_one = getattr(self, f"_{kind}")
            for entry in self.data.get(kind, ()):
                load_one(dict(entry))

    def _cities(self, entry: dict) -> None:
        other_names = entry.pop("other_names", ())
        entry["other_names"] = "\n".join(f"{language}: {name}" for language, name in other_names)
        city, _ = _record("cities", entry, "name")
        self.cities[city.name] = city

    def _organisations(self, entry: dict) -> None:
        city = self.cities.get(entry.pop("city", None))
        entry["city_id"] = city.id if city else None
        entry["kind"] = OrganisationKind(entry["kind"])
        organisation, _ = _record("organisations", entry, "name")
        self.organisations[organisation.name] = organisation

    def _contacts(self, entry: dict) -> None:
        entry["organisation_id"] = self.organisations[entry.pop("organisation")].id
        entry["city_id"] = self.cities[entry.pop("city")].id
        contact, _ = _record("contacts", entry, "name")
        self.contacts[contact.name] = contact

    def _partnerships(self, entry: dict) -> None:
        entry["home_city_id"] = self.cities[entry.pop("home_city")].id
        entry["kind"] = PartnershipKind(entry["kind"])
        entry["status"] = PartnershipStatus(entry["status"])
        coordinator = entry.pop("coordinator", None)
        entry["coordinator_id"] = self.contacts[coordinator].id if coordinator else None
        partner_city = self.cities[entry.pop("partner_city")]
        entry["partner_city_id"] = partner_city.id
        partnership, _ = _record("partnerships", entry, "home_city_id", "partner_city_id")
        self.partnerships[partner_city.name] = partnership

    def _stages(self, entry: dict) -> None:
        texts = entry.pop("texts", {})
        entry["partnership_id"] = self.partnerships[entry.pop("partnership")].id
        entry["stage"] = StageKind(entry["stage"])
        if "partnership_kind" in entry:
            entry["partnership_kind"] = PartnershipKind(entry["partnership_kind"])
        entry["date"] = parse_fuzzy_date(entry["date"])
        stage, _ = _record("stages", entry, "partnership_id", "title")
        _add_texts(stage, texts)

    def _aid(self, entry: dict) -> None:
        texts = entry.pop("texts", {})
        for role in ("sender", "recipient", "paid_by"):
            entry[f"{role}_id"] = self.organisations[entry.pop(role)].id if role in entry else None
        if "value" in entry:
            entry["value"] = Decimal(entry["value"])
        self._event_fields(entry)
        delivery, _ = _record("aid", entry, "title")
        _add_texts(delivery, texts)

    def _delegation(self, entry: dict) -> Delegation:
        members = entry.pop("members", ())
        entry["origin_city_id"] = self.cities[entry.pop("origin_city")].id
        entry["origin_organisation_id"] = self.organisations[entry.pop("origin_organisation")].id
        delegation, created = _record("delegations", entry, "name")
        if created:
            for member in members:
                contact_id = self.contacts[member["contact"]].id
                add_member(delegation, MemberValues(contact_id=contact_id, role=member["role"]))
            db.session.flush()
        return delegation

    def _visits(self, entry: dict) -> None:
        topics = entry.pop("topics", ())
        texts = entry.pop("texts", {})
        entry["programme"] = tuple(entry.pop("programme", ()))
        published = entry.pop("published", False)
        entry["delegation_id"] = self._delegation(dict(entry.pop("delegation"))).id
        entry["direction"] = Direction(entry["direction"])
        entry["status"] = VisitStatus(entry["status"])
        self._event_fields(entry)
        visit = _existing("visits", title=entry["title"])
        if visit is None:
            # Only for a new visit: naming a topic brings it back from the archive.
            entry["topic_ids"] = _topic_ids(topics)
            visit = _create("visits", entry)
            set_published(visit, published)
        self.events[visit.title] = visit
        _add_texts(visit, texts)

    def _agreements(self, entry: dict) -> None:
        parties = entry.pop("parties", ())
        texts = entry.pop("texts", {})
        entry["party_organisation_ids"] = [self.organisations[name].id for name in parties]
        entry["agreement_kind"] = AgreementKind(entry.pop("kind"))
        entry["status"] = AgreementStatus(entry["status"])
        entry["signed_during_id"] = self.events[entry.pop("signed_during")].id
        self._event_fields(entry)
        agreement, _ = _record("agreements", entry, "title")
        self.events[agreement.title] = agreement
        _add_texts(agreement, texts)

    def _exchanges(self, entry: dict) -> None:
        texts = entry.pop("texts", {})
        entry["exchange_kind"] = ExchangeKind(entry.pop("kind"))
        entry["direction"] = Direction(entry["direction"])
        entry["status"] = ExchangeStatus(entry["status"])
        entry["origin_agreement_id"] = self.events[entry.pop("origin_agreement")].id
        self._event_fields(entry)
        exchange, _ = _record("exchanges", entry, "title")
        self.events[exchange.title] = exchange
        _add_texts(exchange, texts)

    def _press(self, entry: dict) -> None:
        entry["event_ids"] = [self.events[title].id for title in entry.pop("events", ())]
        _record("press", entry, "title")

    def _programmes(self, entry: dict) -> None:
        entry["funder_id"] = self.organisations[entry.pop("funder")].id
        _record("programmes", entry, "name")

    def _grants(self, entry: dict) -> None:
        funded_events = entry.pop("funded_events", ())
        entry["funder_id"] = self.organisations[entry.pop("funder")].id
        if "programme" in entry:
            entry["programme_id"] = _existing("programmes", name=entry.pop("programme")).id
        grant, created = _record("grants", entry, "reference")
        if created:
            for funded in funded_events:
                link = {"event_id": self.events[funded["event"]].id, "note": funded["note"]}
                _create("grant_events", {"grant_id": grant.id, **link})

    def _budget_lines(self, entry: dict) -> None:
        entry["grant_id"] = _existing("grants", reference=entry.pop("grant")).id
        entry["planned_amount"] = Decimal(entry["planned_amount"])
        _record("budget_lines", entry, "grant_id", "name")

    def _receipts(self, entry: dict) -> None:
        grant = _existing("grants", reference=entry.pop("grant"))
        line = _existing("budget_lines", grant_id=grant.id, name=entry.pop("budget_line"))
        entry["budget_line_id"] = line.id
        entry["event_id"] = self.events[entry.pop("event")].id
        for amount in ("amount", "grant_share"):
            entry[amount] = Decimal(entry[amount])
        _record("cost_items", entry, "receipt_number")

    def _participants(self, entry: dict) -> None:
        entry["event_id"] = self.events[entry.pop("event")].id
        entry["contact_id"] = self.contacts[entry.pop("contact")].id
        entry["origin"] = ParticipantOrigin(entry["origin"])
        _record("participants", entry, "event_id", "contact_id")

    def _samples(self, entry: dict) -> None:
        event = self.events[entry["event"]]
        grant = _existing("grants", reference=entry["grant"])
        public = entry.get("public_photo", False)
        attach_samples(event, grant, event_participants(event.id), public_photo=public)

    def _event_fields(self, entry: dict) -> None:
        """Turn an event's partner and host city and typed date into its values."""
        entry["partner_city_id"] = self.cities[entry.pop("partner_city")].id
        if "host_city" in entry:
            entry["host_city_id"] = self.cities[entry.pop("host_city")].id
        entry["date"] = parse_fuzzy_date(entry["date"])


def _add_texts(event, texts: dict) -> None:
    """Give `event` its title and summary in each language of `texts` it does not have yet."""
    for language, text in texts.items():
        if text_for(event, language) is None:
            save_event_text(event, EventTextValues(language=language, **text))
    db.session.flush()


def _topic_ids(names) -> list[int]:
    topics = [topic_named(name) for name in names]
    db.session.flush()
    return [topic.id for topic in topics]
