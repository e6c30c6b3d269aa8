"""What a funding report covers: which grants, which period; and the rows that fall in it.

Every query here streams (`yield_per`): a report of 100,000 receipts never sits in memory.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload, with_polymorphic

from partnership.events.models import Event
from partnership.events.queries import chronological
from partnership.extensions import db
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    GrantEvent,
    Participant,
)
from partnership.people.models import Contact
from partnership.visits.models import Delegation, Visit

BATCH = 1000


@dataclass(frozen=True)
class FundingSelection:
    """The grants of a report and its period; a missing end of the period is open.

    `programme_id` or `funder_id` say what was chosen when it was not one grant: the aid
    deliveries they paid belong to the report besides their grants (see `reports/aid.py`).
    """

    grants: tuple[Grant, ...]
    start: date | None = None
    end: date | None = None
    name: str = "all-grants"
    one_grant: bool = False
    programme_id: int | None = None
    funder_id: int | None = None

    @classmethod
    def build(
        cls, grant=None, funder=None, start=None, end=None, programme=None
    ) -> "FundingSelection":
        """Select one grant, every grant of a programme or of a funder, or every grant."""
        query = select(Grant).options(selectinload(Grant.budget_lines)).order_by(Grant.reference)
        if grant is not None:
            query = query.where(Grant.id == grant.id)
            return cls(tuple(db.session.scalars(query)), start, end, grant.reference, True)
        if programme is not None:
            query = query.where(Grant.programme_id == programme.id)
            grants = tuple(db.session.scalars(query))
            return cls(grants, start, end, programme.name, programme_id=programme.id)
        if funder is not None:
            query = query.where(Grant.funder_id == funder.id)
            return cls(
                tuple(db.session.scalars(query)), start, end, funder.name, funder_id=funder.id
            )
        return cls(tuple(db.session.scalars(query)), start, end)

    def reloaded(self) -> "FundingSelection":
        """Return the same selection with its grants read in the current session."""
        query = (
            select(Grant)
            .where(Grant.id.in_(self.grant_ids))
            .options(selectinload(Grant.budget_lines))
            .order_by(Grant.reference)
        )
        return replace(self, grants=tuple(db.session.scalars(query)))

    @property
    def grant_ids(self) -> list[int]:
        return [grant.id for grant in self.grants]

    @property
    def period(self) -> tuple[date | None, date | None]:
        return self.start, self.end

    @property
    def file_stem(self) -> str:
        """Name the files after the grant (or funder) and period, in plain ASCII."""
        parts = ["funding", self.name]
        if self.start or self.end:
            parts.append(f"{self.start or ''}_{self.end or ''}")
        return re.sub(r"[^A-Za-z0-9._]+", "-", "-".join(parts)).strip("-")


def events_in_period(query: Select, entity, selection: FundingSelection) -> Select:
    """Keep events whose dates overlap the period; without a period, every event."""
    if selection.start is not None:
        query = query.where(func.coalesce(entity.date_end, entity.date_start) >= selection.start)
    if selection.end is not None:
        query = query.where(entity.date_start <= selection.end)
    return query


def funded_activities(selection: FundingSelection) -> Iterator[tuple]:
    """Yield (grant link, grant, event) for every funded event in the period, in date order.

    The grants' links are read first, with each event's date from the event table alone (a
    grant's events are found through its links, each event by its id); then each batch's
    events are loaded with every kind's details by id. Joined at once to the event table and
    every kind's table, PostgreSQL kept the join's written order (past its collapse limit)
    and read every event of the office before picking the grants' few.
    """
    links = (
        select(GrantEvent, Grant)
        .join(Grant, Grant.id == GrantEvent.grant_id)
        .join(Event, Event.id == GrantEvent.event_id)
        .where(GrantEvent.grant_id.in_(selection.grant_ids))
        .order_by(*chronological(Event), Grant.reference)
        .execution_options(yield_per=BATCH)
    )
    with db.session.execute(events_in_period(links, Event, selection)) as result:
        for batch in result.partitions():
            events = _funded_events([link.event_id for link, _grant in batch])
            for link, grant in batch:
                yield link, grant, events[link.event_id]


def _funded_events(ids: list[int]) -> dict[int, Event]:
    """Load the events of `ids` with what the activities table shows of every kind."""
    event = with_polymorphic(Event, "*")
    query = (
        select(event)
        .where(event.id.in_(ids))
        .options(
            selectinload(event.partner_city),
            selectinload(event.topics),
            selectinload(event.press_articles),
            selectinload(event.participants),
            selectinload(event.Visit.host_city),
            selectinload(event.Visit.programme),
            selectinload(event.Visit.delegation).selectinload(Delegation.members),
            selectinload(event.Visit.agreements_signed),
            selectinload(event.Agreement.signed_during).selectinload(Visit.host_city),
            selectinload(event.PlannedExchange.origin_agreement),
        )
    )
    return {found.id: found for found in db.session.scalars(query)}


def count_activities(selection: FundingSelection) -> int:
    query = (
        select(func.count())
        .select_from(GrantEvent)
        .join(Event, Event.id == GrantEvent.event_id)
        .where(GrantEvent.grant_id.in_(selection.grant_ids))
    )
    return db.session.scalar(events_in_period(query, Event, selection))


def _funded_event_ids(selection: FundingSelection) -> Select:
    query = (
        select(GrantEvent.event_id)
        .join(Event, Event.id == GrantEvent.event_id)
        .where(GrantEvent.grant_id.in_(selection.grant_ids))
    )
    return events_in_period(query, Event, selection)


def _paid_in_period(query: Select, selection: FundingSelection) -> Select:
    if selection.start is not None:
        query = query.where(CostItem.paid_on >= selection.start)
    if selection.end is not None:
        query = query.where(CostItem.paid_on <= selection.end)
    return query


def receipts(selection: FundingSelection) -> Iterator:
    """Yield the receipts booked on the grants' budget lines and paid in the period, by date."""
    query = (
        select(
            CostItem.event_id,
            Grant.reference,
            BudgetLine.name.label("budget_line"),
            CostItem.paid_on,
            CostItem.receipt_number,
            CostItem.payee,
            CostItem.purpose,
            CostItem.amount,
            CostItem.currency,
            CostItem.grant_share,
            Event.title,
            CostItem.note,
        )
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .join(Grant, Grant.id == BudgetLine.grant_id)
        .join(Event, Event.id == CostItem.event_id)
        .where(BudgetLine.grant_id.in_(selection.grant_ids))
        .order_by(CostItem.paid_on.is_(None), CostItem.paid_on, CostItem.id)
        .execution_options(yield_per=BATCH)
    )
    with db.session.execute(_paid_in_period(query, selection)) as result:
        yield from result


def receipt_totals(selection: FundingSelection) -> list:
    """Sum the receipts of the report per currency: count, amount, grant share."""
    query = (
        select(
            CostItem.currency,
            func.count(),
            func.sum(CostItem.amount),
            func.sum(CostItem.grant_share),
        )
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .where(BudgetLine.grant_id.in_(selection.grant_ids))
        .group_by(CostItem.currency)
        .order_by(CostItem.currency)
    )
    return db.session.execute(_paid_in_period(query, selection)).all()


def participants(selection: FundingSelection) -> Iterator:
    """Yield the participants of the report's activities, activity by activity."""
    query = (
        select(
            Participant.event_id,
            Event.date_start,
            Event.date_end,
            Event.date_precision,
            Event.date_tentative,
            Event.title,
            func.coalesce(Contact.name, Participant.name).label("name"),
            Participant.organisation,
            Participant.city,
            Participant.country_code,
            Participant.role,
            Participant.origin,
            Participant.signed_list,
        )
        .join(Event, Event.id == Participant.event_id)
        .outerjoin(Contact, Contact.id == Participant.contact_id)
        .where(Participant.event_id.in_(_funded_event_ids(selection)))
        .order_by(*chronological(Event), Participant.id)
        .execution_options(yield_per=BATCH)
    )
    with db.session.execute(query) as result:
        yield from result


def participants_by_country(selection: FundingSelection) -> list[tuple[str, int]]:
    """Count the participants of the report's activities per country, most first."""
    query = (
        select(Participant.country_code, func.count())
        .where(Participant.event_id.in_(_funded_event_ids(selection)))
        .group_by(Participant.country_code)
    )
    counts = db.session.execute(query).all()
    return sorted(counts, key=lambda row: (-row[1], row[0] == "", row[0]))
