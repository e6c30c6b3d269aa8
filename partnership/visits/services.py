"""Write delegations, their members and visits from plain values."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from partnership.events.services import (
    EventValues,
    check_event_fields,
    enum_member,
    gone,
    read_event,
    too_long,
    write_event_fields,
)
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.partners.models import City, Organisation
from partnership.people.models import Contact
from partnership.people.services import ContactValues, save_contact
from partnership.records.values import Invalid, existing, read_attributes
from partnership.visits.models import (
    Delegation,
    DelegationMember,
    Direction,
    ProgrammeItem,
    Visit,
    VisitStatus,
)

DELEGATION_NAME_LENGTH = 300
PERSON_LENGTH = 200
OCCASION_LENGTH = 300
PROGRAMME_ITEM_LENGTH = 500
SIZE_RANGE = range(1, 10_001)


# Delegations and their members ------------------------------------------------------------------


@dataclass
class DelegationValues:
    name: str
    origin_city_id: int | None = None
    origin_organisation_id: int | None = None
    head_id: int | None = None
    size: int | None = None
    notes: str = ""


def read_delegation(delegation: Delegation) -> DelegationValues:
    return read_attributes(DelegationValues, delegation)


def save_delegation(delegation: Delegation, values: DelegationValues) -> None:
    name = (values.name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the delegation's name.")
    elif len(name) > DELEGATION_NAME_LENGTH:
        errors["name"] = too_long(DELEGATION_NAME_LENGTH)
    if values.size is not None and values.size not in SIZE_RANGE:
        errors["size"] = _(
            "Enter a number from %(low)d to %(high)d.", low=SIZE_RANGE[0], high=SIZE_RANGE[-1]
        )
    if errors:
        raise Invalid(errors)
    existing(City, values.origin_city_id, "origin_city_id", gone())
    existing(Organisation, values.origin_organisation_id, "origin_organisation_id", gone())
    existing(Contact, values.head_id, "head_id", gone())
    delegation.name = name
    delegation.origin_city_id = values.origin_city_id
    delegation.origin_organisation_id = values.origin_organisation_id
    delegation.head_id = values.head_id
    delegation.size = values.size
    delegation.notes = values.notes or ""


@dataclass
class MemberValues:
    """A member is a known contact or, typed by name, a new one."""

    contact_id: int | None = None
    new_contact_name: str = ""
    role: str = ""


def read_member(member: DelegationMember) -> MemberValues:
    return MemberValues(contact_id=member.contact_id, role=member.role)


def add_member(delegation: Delegation, values: MemberValues) -> DelegationMember:
    """Add the chosen (or newly named) person to the delegation."""
    typed = (values.new_contact_name or "").strip()
    if not typed and values.contact_id is None:
        raise Invalid({"new_contact_name": _("Choose a person or type a new person's name.")})
    if typed and values.contact_id is not None:
        raise Invalid({"new_contact_name": _("Choose a person or type a name, not both.")})
    role = (values.role or "").strip()
    if len(typed) > PERSON_LENGTH:
        raise Invalid({"new_contact_name": too_long(PERSON_LENGTH)})
    if len(role) > PERSON_LENGTH:
        raise Invalid({"role": too_long(PERSON_LENGTH)})
    if values.contact_id is None:
        contact = Contact()
        # Someone first met in a delegation is taken to live where it comes from.
        save_contact(contact, ContactValues(name=typed, city_id=delegation.origin_city_id))
        db.session.add(contact)
        member = DelegationMember(contact=contact, role=role)
    else:
        existing(Contact, values.contact_id, "contact_id", gone())
        if any(m.contact_id == values.contact_id for m in delegation.members):
            raise Invalid({"contact_id": _("This person is a member of this delegation already.")})
        member = DelegationMember(contact_id=values.contact_id, role=role)
    delegation.members.append(member)
    return member


# Visits -----------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class VisitValues(EventValues):
    direction: Direction | None = None
    host_city_id: int | None = None
    delegation_id: int | None = None
    occasion: str = ""
    status: VisitStatus = VisitStatus.DONE
    first_official: bool = False
    # One programme item per line, in their order.
    programme: tuple[str, ...] = ()


def read_visit(visit: Visit) -> VisitValues:
    values = read_event(VisitValues, visit)
    values.programme = tuple(programme_line(item.day, item.description) for item in visit.programme)
    return values


def save_visit(visit: Visit, values: VisitValues) -> None:
    errors = check_event_fields(values)
    direction = enum_member(Direction, values.direction, "direction", errors)
    if values.direction is None:
        errors["direction"] = _("Choose incoming or outgoing.")
    status = enum_member(VisitStatus, values.status or VisitStatus.DONE, "status", errors)
    occasion = (values.occasion or "").strip()
    if len(occasion) > OCCASION_LENGTH:
        errors["occasion"] = too_long(OCCASION_LENGTH)
    if problem := programme_problem(values.programme):
        errors["programme"] = problem
    if errors:
        raise Invalid(errors)
    existing(City, values.host_city_id, "host_city_id", gone())
    existing(Delegation, values.delegation_id, "delegation_id", gone())
    write_event_fields(visit, values)
    visit.direction = direction
    visit.host_city_id = values.host_city_id
    visit.delegation_id = values.delegation_id
    visit.occasion = occasion
    visit.status = status
    visit.first_official = bool(values.first_official)
    set_programme(visit, values.programme)


def programme_lines(lines: Sequence[str]) -> list[str]:
    return [line.strip() for line in lines or () if line.strip()]


# A programme line may start with its day, as ISO or as Germans write it, then ":", "–" or
# "-" (or only a space): "2023-09-25: Reception at the town hall", "25.09.2023 Reception".
DAY_FIRST = re.compile(
    r"(?:(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"|(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}))(?:\s*[:–-]\s*|\s+|$)"
)


class ProgrammeDayError(ValueError):
    """A line starts with what looks like a day but is none (31.02.2024), or only a day."""


def read_programme_line(line: str) -> tuple[date | None, str]:
    """Split a typed programme line into its day (None without one) and its description."""
    line = line.strip()
    match = DAY_FIRST.match(line)
    if match is None:
        return None, line
    parts = match.groupdict()
    year, month, day = (parts["year"], parts["month"], parts["day"])
    if year is None:
        year, month, day = parts["y"], parts["m"], parts["d"]
    try:
        when = date(int(year), int(month), int(day))
    except ValueError:
        raise ProgrammeDayError(match.group(0).strip(" :–-")) from None
    description = line[match.end() :].strip()
    if not description:
        raise ProgrammeDayError(match.group(0).strip(" :–-"))
    return when, description


def programme_line(day: date | None, description: str) -> str:
    """Write a programme item as a line the edit form reads back: '2023-09-25: Reception'."""
    return f"{day.isoformat()}: {description}" if day else description


def programme_problem(lines: Sequence[str]) -> str | None:
    """Say what is wrong with the first line that cannot be kept, or None."""
    for number, line in enumerate(programme_lines(lines), start=1):
        try:
            _day, description = read_programme_line(line)
        except ProgrammeDayError as error:
            return _(
                "Line %(number)d: “%(day)s” is not a day of the calendar, or nothing follows it. "
                "Write the day as 2023-09-25 or 25.09.2023, then what happens.",
                number=number,
                day=str(error),
            )
        if len(description) > PROGRAMME_ITEM_LENGTH:
            return _("Each line may have at most %(max)d characters.", max=PROGRAMME_ITEM_LENGTH)
    return None


def set_programme(visit: Visit, lines: Sequence[str]) -> None:
    """Keep the programme's items in the order given; unchanged items keep their rows."""
    wanted = [read_programme_line(line) for line in programme_lines(lines)]
    if [(item.day, item.description) for item in visit.programme] == wanted:
        return
    visit.programme = [
        ProgrammeItem(position=position, day=day, description=description)
        for position, (day, description) in enumerate(wanted)
    ]


# How the fields of a visit go together (for records whose source leaves one out) -------------


def host_for(direction: Direction | None, partner_city: City | None, home_city: City | None):
    """Guests come to the home city; when we travel, we are hosted by the partner city."""
    if direction is Direction.INCOMING:
        return home_city
    if direction is Direction.OUTGOING:
        return partner_city
    return None


def direction_for(host_city: City) -> Direction:
    """A visit hosted by the home city is incoming, any other outgoing."""
    return Direction.INCOMING if host_city.is_home else Direction.OUTGOING


def status_for(when: FuzzyDate | None, today: date | None = None) -> VisitStatus:
    """A visit whose dates are past is done, a later one planned."""
    today = today or date.today()
    return VisitStatus.DONE if when and when.end < today else VisitStatus.PLANNED
