"""Participants as funders count them: totals, participant-days and counts by country, gender,
age group, origin and sending city, and the rows of the lists participants sign.

Every figure is an SQL aggregate over the event's (or the grant's events') participants, so
counting 10,000 participants reads a handful of grouped rows, never the participants.

A participant without recorded days attended every day of the event. When the event's date is
not a day or a range of days (a month, a year) its days are unknown: such a participant counts
one participant-day.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload

from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding.models import (
    AgeGroup,
    Gender,
    GrantEvent,
    Participant,
    ParticipantDay,
    ParticipantOrigin,
)
from partnership.fuzzydate import FuzzyDate, Precision
from partnership.partners.models import City
from partnership.people.models import Contact

Period = tuple[date | None, date | None]
# Rows a list reads from the database at a time.
LIST_BATCH = 500


@dataclass(frozen=True)
class SendingCityCount:
    city_id: int | None
    name: str
    count: int


@dataclass(frozen=True)
class ParticipantCounts:
    """The figures of one event, or of the events a grant pays for within a period.

    Each `by_*` lists (value, count) pairs; None stands for "not recorded" and comes last.
    """

    total: int
    participant_days: int
    by_country: tuple[tuple[str, int], ...]
    by_gender: tuple[tuple[Gender | None, int], ...]
    by_age_group: tuple[tuple[AgeGroup | None, int], ...]
    by_origin: tuple[tuple[ParticipantOrigin, int], ...]
    by_sending_city: tuple[SendingCityCount, ...]
    signed_only: bool = False

    @property
    def local(self) -> int:
        return dict(self.by_origin).get(ParticipantOrigin.LOCAL, 0)

    @property
    def invited(self) -> int:
        """Participants invited from abroad (the funders' 'international participants')."""
        return dict(self.by_origin).get(ParticipantOrigin.INTERNATIONAL, 0)


def event_days(when: FuzzyDate | None) -> list[date] | None:
    """Return the days of an event dated to the day (one day or a range); None otherwise."""
    if when is None or when.precision is not Precision.DAY:
        return None
    return [date.fromordinal(n) for n in range(when.start.toordinal(), when.end.toordinal() + 1)]


def _event_filter(event_id: int | None, grant_id: int | None, period: Period):
    """The condition that picks the participants of the chosen event or grant's events."""
    if event_id is not None:
        return Participant.event_id == event_id
    if grant_id is None:
        raise ValueError("Name an event or a grant.")
    start, end = period
    events = (
        select(GrantEvent.event_id)
        .join(Event, Event.id == GrantEvent.event_id)
        .where(GrantEvent.grant_id == grant_id, Event.archived_at.is_(None))
    )
    # An event counts for the period when its dates overlap it.
    if start is not None:
        events = events.where(func.coalesce(Event.date_end, Event.date_start) >= start)
    if end is not None:
        events = events.where(Event.date_start <= end)
    return Participant.event_id.in_(events)


def _chosen(event_id, grant_id, period, signed_only: bool) -> list:
    conditions = [_event_filter(event_id, grant_id, period), Participant.archived_at.is_(None)]
    if signed_only:
        conditions.append(Participant.signed_list.is_(True))
    return conditions


def participant_counts(
    event_id: int | None = None,
    *,
    grant_id: int | None = None,
    period: Period = (None, None),
    signed_only: bool = False,
) -> ParticipantCounts:
    """Count the participants of an event, or of a grant's events within `period`.

    With `signed_only`, only those who signed the list count (as some funders require).
    """
    where = _chosen(event_id, grant_id, period, signed_only)

    def grouped(column, *extra):
        query = select(column, *extra, func.count(Participant.id)).where(*where)
        return db.session.execute(query.group_by(column, *extra)).all()

    by_country = sorted(
        ((code or "", n) for code, n in grouped(Participant.country_code)),
        key=lambda item: (-item[1], item[0] == "", item[0]),
    )
    cities = db.session.execute(
        select(Participant.sending_city_id, City.name, func.count(Participant.id))
        .outerjoin(City, City.id == Participant.sending_city_id)
        .where(*where)
        .group_by(Participant.sending_city_id, City.name)
    ).all()
    by_city = sorted(
        (SendingCityCount(city_id, name or "", n) for city_id, name, n in cities),
        key=lambda c: (c.city_id is None, -c.count, c.name.casefold()),
    )
    total, days = _total_and_days(where)
    return ParticipantCounts(
        total=total,
        participant_days=days,
        by_country=tuple(_merge_unknown(by_country)),
        by_gender=_in_order(Gender, grouped(Participant.gender)),
        by_age_group=_in_order(AgeGroup, grouped(Participant.age_group)),
        by_origin=_in_order(ParticipantOrigin, grouped(Participant.origin)),
        by_sending_city=tuple(by_city),
        signed_only=signed_only,
    )


def _merge_unknown(pairs):
    # An empty code and NULL both mean "country unknown": one entry.
    merged: dict[str, int] = {}
    for code, n in pairs:
        merged[code] = merged.get(code, 0) + n
    return sorted(merged.items(), key=lambda item: (-item[1], item[0] == "", item[0]))


def _in_order(enum_class, rows) -> tuple:
    """Counts in the enum's order, then the unrecorded; values nobody has are left out."""
    found = {value: n for value, n in rows}
    ordered = [(member, found[member]) for member in enum_class if found.get(member)]
    if found.get(None):
        ordered.append((None, found[None]))
    return tuple(ordered)


def _total_and_days(where) -> tuple[int, int]:
    """Count participants and participant-days, one grouped row per event."""
    attended = (
        select(ParticipantDay.participant_id, func.count().label("days"))
        .group_by(ParticipantDay.participant_id)
        .subquery()
    )
    per_event = db.session.execute(
        select(
            Participant.event_id,
            func.count(Participant.id),
            func.count(attended.c.participant_id),
            func.coalesce(func.sum(attended.c.days), 0),
        )
        .outerjoin(attended, attended.c.participant_id == Participant.id)
        .where(*where)
        .group_by(Participant.event_id)
    ).all()
    if not per_event:
        return 0, 0
    dates = db.session.execute(
        select(Event.id, Event.date_start, Event.date_end, Event.date_precision).where(
            Event.id.in_([row[0] for row in per_event])
        )
    ).all()
    lengths = {
        event_id: len(event_days(FuzzyDate.from_parts(start, end, precision)) or [None])
        for event_id, start, end, precision in dates
    }
    total = days = 0
    for event_id, count, with_days, recorded in per_event:
        total += count
        days += int(recorded) + (count - with_days) * lengths.get(event_id, 1)
    return total, days


@dataclass(frozen=True)
class ListRow:
    """One known participant on a list to sign; empty `days` means every day of the event."""

    id: int
    name: str
    organisation: str
    city: str
    country_code: str
    sending_city: str
    origin: ParticipantOrigin
    gender: Gender | None
    age_group: AgeGroup | None
    signed: bool
    days: tuple[date, ...]


def participants_for_lists(
    event_id: int,
    sending_city_id: int | None = None,
    day: date | None = None,
    *,
    signed_only: bool = False,
) -> Iterator[ListRow]:
    """Yield the event's known participants in name order, for the lists they sign.

    `sending_city_id` keeps those one city sent; `day` those who attend that day (a
    participant without recorded days attends every day).
    """
    name = func.coalesce(Contact.name, Participant.name)
    query = (
        select(Participant)
        .outerjoin(Contact, Contact.id == Participant.contact_id)
        .where(Participant.event_id == event_id, Participant.archived_at.is_(None))
        .options(
            selectinload(Participant.contact),
            selectinload(Participant.sending_city),
            selectinload(Participant.days),
        )
        .order_by(func.lower(name), name, Participant.id)
        .execution_options(yield_per=LIST_BATCH)
    )
    if sending_city_id is not None:
        query = query.where(Participant.sending_city_id == sending_city_id)
    if signed_only:
        query = query.where(Participant.signed_list.is_(True))
    if day is not None:
        on_day = exists().where(
            ParticipantDay.participant_id == Participant.id, ParticipantDay.day == day
        )
        any_day = exists().where(ParticipantDay.participant_id == Participant.id)
        query = query.where(or_(on_day, ~any_day))
    for participant in db.session.scalars(query):
        yield ListRow(
            id=participant.id,
            name=participant.display_name,
            organisation=participant.organisation,
            city=participant.city,
            country_code=participant.country_code,
            sending_city=participant.sending_city.name if participant.sending_city else "",
            origin=participant.origin,
            gender=participant.gender,
            age_group=participant.age_group,
            signed=participant.signed_list,
            days=tuple(d.day for d in participant.days),
        )
