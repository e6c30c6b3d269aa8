"""Write an event's receipts and participants from plain values."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel import Locale
from flask_babel import gettext as _
from sqlalchemy import select

from partnership.archive import INCLUDE_ARCHIVED, restore
from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    GrantEvent,
    Participant,
    ParticipantOrigin,
)
from partnership.funding.queries import delegation_people
from partnership.funding.services import currency_code, gone
from partnership.people.models import Contact
from partnership.records.values import Invalid, existing, read_attributes

PARTICIPANT_ROLE_LENGTH = Participant.__table__.c.role.type.length
# Two letters that name a country or territory (ISO 3166-1 alpha-2), not a region like "150".
COUNTRY_CODES = frozenset(code for code in Locale("en").territories if code.isalpha())


def _event(event_id: int | None) -> Event:
    if event_id is None:
        raise Invalid({"event_id": _("Choose one.")})
    return existing(Event, event_id, "event_id", gone())


@dataclass
class CostItemValues:
    budget_line_id: int | None
    amount: Decimal | None
    currency: str = "EUR"
    paid_on: date | None = None
    payee: str = ""
    purpose: str = ""
    receipt_number: str = ""
    # None: the grant pays all of it.
    grant_share: Decimal | None = None
    note: str = ""
    event_id: int | None = None


def read_cost_item(cost: CostItem) -> CostItemValues:
    return read_attributes(CostItemValues, cost)


def save_cost_item(cost: CostItem, values: CostItemValues) -> None:
    """Book a receipt on a budget line of a grant that pays for the event."""
    currency = currency_code(values.currency)
    amount, share = values.amount, values.grant_share
    errors = {}
    if amount is None:
        errors["amount"] = _("Enter the amount.")
    elif share is not None and not min(0, amount) <= share <= max(0, amount):
        errors["grant_share"] = _("The grant's share must lie between 0 and the amount.")
    if currency is None:
        errors["currency"] = _("Enter a three-letter currency code, e.g. EUR.")
    if not _pays_for(values.budget_line_id, values.event_id):
        errors["budget_line_id"] = _("Choose a budget line of a grant that pays for this event.")
    if errors:
        raise Invalid(errors)
    _event(values.event_id)
    cost.event_id = values.event_id
    cost.budget_line_id = values.budget_line_id
    cost.paid_on = values.paid_on
    cost.payee = (values.payee or "").strip()
    cost.purpose = (values.purpose or "").strip()
    cost.amount = amount
    cost.currency = currency
    cost.receipt_number = (values.receipt_number or "").strip()
    cost.grant_share = amount if share is None else share
    cost.note = values.note or ""


def _pays_for(budget_line_id: int | None, event_id: int | None) -> bool:
    """Tell whether the line belongs to a grant linked to the event (both still there)."""
    if budget_line_id is None or event_id is None:
        return False
    query = (
        select(BudgetLine.id)
        .join(Grant, Grant.id == BudgetLine.grant_id)
        .join(GrantEvent, GrantEvent.grant_id == Grant.id)
        .where(BudgetLine.id == budget_line_id, GrantEvent.event_id == event_id)
    )
    return db.session.scalar(query) is not None


def add_cost_item(values: CostItemValues) -> CostItem:
    cost = CostItem()
    save_cost_item(cost, values)
    db.session.add(cost)
    return cost


@dataclass
class ParticipantValues:
    contact_id: int | None = None
    name: str = ""
    organisation: str = ""
    city: str = ""
    country_code: str = ""
    role: str = ""
    origin: ParticipantOrigin = ParticipantOrigin.LOCAL
    signed_list: bool = False
    event_id: int | None = None


def read_participant(participant: Participant) -> ParticipantValues:
    return read_attributes(ParticipantValues, participant)


def save_participant(participant: Participant, values: ParticipantValues) -> None:
    """Keep someone on the participants: a contact, or a name as on the signed list.

    Organisation, city and country left empty are taken from the contact.
    """
    name = (values.name or "").strip()
    country = (values.country_code or "").strip().upper()
    errors = {}
    if not name and values.contact_id is None:
        errors["name"] = _("Choose a contact or type a name.")
    elif name and values.contact_id is not None:
        errors["name"] = _("Choose a contact or type a name, not both.")
    if country and country not in COUNTRY_CODES:
        errors["country_code"] = _("Enter the two-letter ISO 3166 code, e.g. DE or UA.")
    if errors:
        raise Invalid(errors)
    _event(values.event_id)
    contact = existing(Contact, values.contact_id, "contact_id", gone())
    if contact is not None:
        already = _taking_part(values.event_id, contact.id)
        if already is not None and already is not participant:
            raise Invalid({"contact_id": _("This person takes part already.")})
    participant.event_id = values.event_id
    participant.contact_id = values.contact_id
    participant.name = name
    participant.organisation = (values.organisation or "").strip() or _organisation_of(contact)
    participant.city = (values.city or "").strip() or _city_of(contact)
    participant.country_code = country or _country_of(contact)
    participant.role = (values.role or "").strip()
    participant.origin = ParticipantOrigin(values.origin)
    participant.signed_list = bool(values.signed_list)


def add_participant(values: ParticipantValues) -> Participant:
    """Add someone to an event's participants; a contact taken off before comes back."""
    removed = None
    if values.contact_id is not None:
        removed = _taking_part(values.event_id, values.contact_id, archived=True)
    if removed is not None:
        restore(removed)
        save_participant(removed, values)
        return removed
    participant = Participant()
    save_participant(participant, values)
    db.session.add(participant)
    return participant


def set_signed(participant: Participant, signed: bool) -> None:
    participant.signed_list = signed


def _taking_part(event_id, contact_id: int, archived: bool = False) -> Participant | None:
    query = select(Participant).where(
        Participant.event_id == event_id, Participant.contact_id == contact_id
    )
    if archived:
        query = query.where(Participant.archived_at.is_not(None))
        query = query.execution_options(**{INCLUDE_ARCHIVED: True})
    return db.session.scalars(query).first()


def add_delegation_members(visit, home_country: str | None) -> list[Participant]:
    """Add the head and members of the visit's delegation who are not participants yet."""
    delegation = getattr(visit, "delegation", None)
    if delegation is None:
        return []
    taking_part = {p.contact_id for p in visit.participants}
    added = []
    for contact, role in delegation_people(delegation):
        if contact.id in taking_part:
            continue
        taking_part.add(contact.id)
        country = _country_of(contact) or (
            delegation.origin_city.country_code.upper() if delegation.origin_city else ""
        )
        values = ParticipantValues(
            event_id=visit.id,
            contact_id=contact.id,
            organisation=_organisation_of(contact)
            or (delegation.origin_organisation.name if delegation.origin_organisation else ""),
            city=_city_of(contact)
            or (delegation.origin_city.name if delegation.origin_city else ""),
            # A city's code may be one no country has; the list then leaves it open.
            country_code=country if country in COUNTRY_CODES else "",
            # A role title may hold 300 characters, a participant's role 200: the list keeps
            # the start of it (the contact keeps all of it).
            role=(role or contact.role_title)[:PARTICIPANT_ROLE_LENGTH],
            origin=ParticipantOrigin.LOCAL
            if country and country == home_country
            else ParticipantOrigin.INTERNATIONAL,
        )
        added.append(add_participant(values))
    return added


def _organisation_of(contact) -> str:
    return contact.organisation.name if contact and contact.organisation else ""


def _city_of(contact) -> str:
    return contact.city.name if contact and contact.city else ""


def _country_of(contact) -> str:
    return contact.city.country_code.upper() if contact and contact.city else ""
