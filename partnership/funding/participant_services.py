"""Write an event's participants from plain values: who, sent by which city, which days, signed.

Organisation, city, sending city and country left empty are taken from the contact (the
country from the sending city first), so a list typed in a hurry still counts by country.
"""

from dataclasses import dataclass
from datetime import date

from babel import Locale
from flask_babel import gettext as _
from sqlalchemy import select

from partnership.archive import INCLUDE_ARCHIVED, restore
from partnership.events.models import Event
from partnership.events.services import enum_member
from partnership.extensions import db
from partnership.formatting import format_day, format_fuzzy
from partnership.funding.models import (
    AgeGroup,
    Gender,
    Participant,
    ParticipantDay,
    ParticipantOrigin,
)
from partnership.funding.participant_counts import event_days
from partnership.funding.queries import delegation_people
from partnership.funding.services import gone
from partnership.partners.models import City
from partnership.people.models import Contact
from partnership.records.values import Invalid, existing, value_names

PARTICIPANT_ROLE_LENGTH = Participant.__table__.c.role.type.length
# Two letters that name a country or territory (ISO 3166-1 alpha-2), not a region like "150".
COUNTRY_CODES = frozenset(code for code in Locale("en").territories if code.isalpha())
# No event a funder pays for lasts longer; more days are a mistake, not a list.
MAX_DAYS = 366


def chosen_event(event_id: int | None) -> Event:
    """Return the event the values name, or refuse them naming the field."""
    if event_id is None:
        raise Invalid({"event_id": _("Choose one.")})
    return existing(Event, event_id, "event_id", gone())


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
    gender: Gender | None = None
    age_group: AgeGroup | None = None
    sending_city_id: int | None = None
    # The days attended; none: every day of the event.
    days: tuple[date, ...] = ()


def read_participant(participant: Participant) -> ParticipantValues:
    names = [name for name in value_names(ParticipantValues) if name != "days"]
    return ParticipantValues(
        **{name: getattr(participant, name) for name in names},
        days=tuple(day.day for day in participant.days),
    )


def _optional(enum_class, value, field_name: str, errors: dict):
    return enum_member(enum_class, value, field_name, errors) if value else None


def save_participant(participant: Participant, values: ParticipantValues) -> None:
    """Keep someone on the participants: a contact, or a name as on the signed list."""
    name = (values.name or "").strip()
    country = (values.country_code or "").strip().upper()
    errors: dict[str, str] = {}
    if not name and values.contact_id is None:
        errors["name"] = _("Choose a contact or type a name.")
    elif name and values.contact_id is not None:
        errors["name"] = _("Choose a contact or type a name, not both.")
    if country and country not in COUNTRY_CODES:
        errors["country_code"] = _("Enter the two-letter ISO 3166 code, e.g. DE or UA.")
    origin = enum_member(ParticipantOrigin, values.origin, "origin", errors)
    gender = _optional(Gender, values.gender, "gender", errors)
    age_group = _optional(AgeGroup, values.age_group, "age_group", errors)
    if errors:
        raise Invalid(errors)
    event = chosen_event(values.event_id)
    days = days_within(event, values.days)
    contact = existing(Contact, values.contact_id, "contact_id", gone())
    if contact is not None:
        already = _taking_part(values.event_id, contact.id)
        if already is not None and already is not participant:
            raise Invalid({"contact_id": _("This person takes part already.")})
    sending_city = existing(City, values.sending_city_id, "sending_city_id", gone())
    if sending_city is None and values.sending_city_id is None and contact is not None:
        sending_city = contact.city
    participant.event_id = values.event_id
    participant.contact_id = values.contact_id
    participant.name = name
    participant.organisation = (values.organisation or "").strip() or _organisation_of(contact)
    participant.city = (values.city or "").strip() or _city_of(contact)
    participant.country_code = country or _country_of(sending_city) or _country_of(contact)
    participant.role = (values.role or "").strip()
    participant.origin = origin
    participant.signed_list = bool(values.signed_list)
    participant.gender = gender
    participant.age_group = age_group
    participant.sending_city = sending_city
    # Days kept keep their rows: a new row for the same day would collide with the old one.
    kept = {row.day: row for row in participant.days}
    participant.days = [kept.get(day) or ParticipantDay(day=day) for day in days]


def days_within(event: Event, days) -> list[date]:
    """Return the days attended, sorted; refuse a day outside the event's dates.

    Every day of an event dated to the day is kept as no days at all: "every day".
    """
    chosen = sorted(set(days or ()))
    when = event.date
    if len(chosen) > MAX_DAYS:
        raise Invalid({"days": _("Name at most %(count)d days.", count=MAX_DAYS)})
    outside = [day for day in chosen if when and not when.start <= day <= when.end]
    if outside:
        message = _(
            "%(day)s is not a day of this activity (%(dates)s).",
            day=format_day(outside[0]),
            dates=format_fuzzy(when),
        )
        raise Invalid({"days": message})
    return [] if chosen == event_days(when) else chosen


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


class SignedListChanged(Exception):
    """Participants ticked on a page changed or left the list since; nothing was marked."""


def mark_signed(event_id: int, seen: dict[int, int], signed: bool = True) -> int:
    """Mark the participants `seen` (id → version the page showed) as signed or not.

    All or none: one that someone changed or removed since raises SignedListChanged.
    Return how many changed.
    """
    query = select(Participant).where(
        Participant.event_id == event_id, Participant.id.in_(list(seen))
    )
    found = {p.id: p for p in db.session.scalars(query)}
    if set(found) != set(seen) or any(found[i].version != v for i, v in seen.items()):
        raise SignedListChanged
    changed = [p for p in found.values() if p.signed_list != signed]
    for participant in changed:
        participant.signed_list = signed
    return len(changed)


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
    for contact, role in delegation_people(delegation.id):
        if contact.id in taking_part:
            continue
        taking_part.add(contact.id)
        country = _country_of(contact) or _country_of(delegation.origin_city)
        values = ParticipantValues(
            event_id=visit.id,
            contact_id=contact.id,
            organisation=_organisation_of(contact)
            or (delegation.origin_organisation.name if delegation.origin_organisation else ""),
            city=_city_of(contact)
            or (delegation.origin_city.name if delegation.origin_city else ""),
            country_code=country,
            # The city that sent the delegation sends its members.
            sending_city_id=delegation.origin_city_id or (contact.city_id or None),
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


def _country_of(record) -> str:
    """The country of a city, or of a contact's city; a code no country has counts as none."""
    city = record if record is None or isinstance(record, City) else record.city
    code = city.country_code.upper() if city is not None and city.country_code else ""
    return code if code in COUNTRY_CODES else ""
