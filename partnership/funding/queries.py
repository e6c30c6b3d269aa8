"""Queries for programmes, grants, their budgets, and an event's costs and participants."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, exists, func, literal, select
from sqlalchemy.orm import contains_eager, selectinload
from wtforms.fields.choices import SelectChoice

from partnership.extensions import db
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    GrantEvent,
    Participant,
    Programme,
)
from partnership.partners.models import City
from partnership.people.models import Contact
from partnership.visits.models import Delegation, DelegationMember

REPORT_WARNING_DAYS = 30


def programme_list(text: str) -> Select:
    query = select(Programme).options(selectinload(Programme.funder)).order_by(Programme.name)
    return query.where(Programme.matches(text)) if text else query


def grant_list(text: str) -> Select:
    query = (
        select(Grant)
        .options(selectinload(Grant.funder), selectinload(Grant.programme))
        .order_by(Grant.period_start.desc(), Grant.reference)
    )
    if text:
        query = query.where(Grant.matches(text))
    return query


def grants_of_funder(funder_id: int) -> list[Grant]:
    query = select(Grant).where(Grant.funder_id == funder_id).order_by(Grant.reference)
    return db.session.scalars(query.options(selectinload(Grant.programme))).all()


def budget_line_choices(event) -> list[SelectChoice]:
    """List the budget lines of the grants that fund `event`, labelled with the grant."""
    query = (
        select(BudgetLine)
        .join(Grant, Grant.id == BudgetLine.grant_id)
        .join(GrantEvent, GrantEvent.grant_id == Grant.id)
        .where(GrantEvent.event_id == event.id)
        .options(contains_eager(BudgetLine.grant))
        .order_by(BudgetLine.grant_id, BudgetLine.id)
    )
    return [
        SelectChoice(line.id, f"{line.grant.reference} · {line.name}")
        for line in db.session.scalars(query)
    ]


@dataclass(frozen=True)
class ReportDue:
    """How close a grant's report deadline is: negative days mean it is overdue."""

    on: date
    days_left: int

    @property
    def urgent(self) -> bool:
        return self.days_left <= REPORT_WARNING_DAYS

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def report_due(grant: Grant, today: date) -> ReportDue | None:
    if grant.report_due is None:
        return None
    return ReportDue(grant.report_due, (grant.report_due - today).days)


@dataclass(frozen=True)
class Spending:
    """What was spent on one budget line in one currency, or on all lines of a grant (a total).

    Only receipts in the grant's currency are set against the plan; another currency gets
    rows of its own, without a plan.
    """

    grant: Grant
    line: BudgetLine | None
    currency: str
    planned: Decimal | None
    spent: Decimal
    grant_share: Decimal
    receipts: int

    @property
    def is_total(self) -> bool:
        return self.line is None

    @property
    def own_share(self) -> Decimal:
        return self.spent - self.grant_share

    @property
    def remaining(self) -> Decimal | None:
        return None if self.planned is None else self.planned - self.spent

    @property
    def percent_used(self) -> Decimal | None:
        if not self.planned:
            return None
        return (self.spent * 100 / self.planned).quantize(Decimal("0.1"))


def spending_by_line(grant_ids, period: tuple[date | None, date | None] = (None, None)):
    """Sum the receipts per budget line and currency, paid within the period if one is given."""
    start, end = period
    query = (
        select(
            CostItem.budget_line_id,
            CostItem.currency,
            func.sum(CostItem.amount),
            func.sum(CostItem.grant_share),
            func.count(),
        )
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .where(BudgetLine.grant_id.in_(grant_ids))
        .group_by(CostItem.budget_line_id, CostItem.currency)
    )
    if start is not None:
        query = query.where(CostItem.paid_on >= start)
    if end is not None:
        query = query.where(CostItem.paid_on <= end)
    return db.session.execute(query).all()


def budget_spending(grants, period=(None, None)) -> list[Spending]:
    """Set each grant's receipts against its budget lines; after each grant's lines, its totals."""
    booked = {
        (line_id, currency): (Decimal(amount), Decimal(share), count)
        for line_id, currency, amount, share, count in spending_by_line(
            [grant.id for grant in grants], period
        )
    }
    nothing = (Decimal("0.00"), Decimal("0.00"), 0)
    result = []
    for grant in grants:
        lines = []
        for line in grant.budget_lines:
            others = sorted(c for (i, c) in booked if i == line.id and c != grant.currency)
            for currency in [grant.currency, *others]:
                planned = line.planned_amount if currency == grant.currency else None
                spent = booked.get((line.id, currency), nothing)
                lines.append(Spending(grant, line, currency, planned, *spent))
        result.extend(lines)
        for currency in dict.fromkeys([grant.currency, *(row.currency for row in lines)]):
            same = [row for row in lines if row.currency == currency]
            planned = [row.planned for row in same if row.planned is not None]
            result.append(
                Spending(
                    grant,
                    None,
                    currency,
                    sum(planned, Decimal("0.00")) if currency == grant.currency else None,
                    sum((row.spent for row in same), Decimal("0.00")),
                    sum((row.grant_share for row in same), Decimal("0.00")),
                    sum(row.receipts for row in same),
                )
            )
    return result


def count_by_country(participants) -> list[tuple[str, int]]:
    """Count participants per country code, most first; an unknown country counts as ''."""
    counts = Counter(p.country_code for p in participants)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0] == "", item[0]))


def event_participants(event_id: int) -> list[Participant]:
    query = (
        select(Participant)
        .where(Participant.event_id == event_id)
        .options(selectinload(Participant.contact))
        .order_by(Participant.id)
    )
    return db.session.scalars(query).all()


def event_costs(event_id: int) -> list[CostItem]:
    """Return the event's receipts; one booked on an archived line or grant counts nowhere."""
    query = (
        select(CostItem)
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .join(Grant, Grant.id == BudgetLine.grant_id)
        .where(CostItem.event_id == event_id)
        # From the joins above: no query more for an event with receipts than without.
        .options(contains_eager(CostItem.budget_line).contains_eager(BudgetLine.grant))
        .order_by(CostItem.paid_on.is_(None), CostItem.paid_on, CostItem.id)
    )
    return db.session.scalars(query).all()


def cost_count(grant: Grant) -> int:
    query = (
        select(func.count())
        .select_from(CostItem)
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .where(BudgetLine.grant_id == grant.id)
    )
    return db.session.scalar(query)


def line_has_costs(line: BudgetLine) -> bool:
    query = select(CostItem.id).where(CostItem.budget_line_id == line.id).limit(1)
    return db.session.scalar(query) is not None


def home_country() -> str | None:
    """Return the country of the home city: its people take part locally."""
    query = select(City.country_code).where(City.is_home.is_(True)).limit(1)
    code = db.session.scalar(query)
    return code.upper() if code else None


def delegation_people(delegation_id: int | None, not_in_event: int | None = None) -> list[tuple]:
    """Return (contact, role in the delegation) for its head and members, head first; with
    `not_in_event`, only those not taking part in that event yet.

    One query, however many members (and whether or not there is a head or a delegation)."""
    of_delegation = DelegationMember.delegation_id == delegation_id
    head = select(Delegation.head_id).where(Delegation.id == delegation_id)
    wanted = select(DelegationMember.contact_id).where(of_delegation).union_all(head)
    query = (
        select(Contact, func.coalesce(DelegationMember.role, literal("")))
        .outerjoin(DelegationMember, of_delegation & (DelegationMember.contact_id == Contact.id))
        .where(Contact.id.in_(wanted))
        # The head first when not also a member, then the members in the order added.
        .order_by(DelegationMember.id.is_(None).desc(), DelegationMember.id)
    )
    if not_in_event is not None:
        taking_part = (Participant.event_id == not_in_event) & (
            Participant.contact_id == Contact.id
        )
        query = query.where(~exists().where(taking_part))
    return [(contact, role) for contact, role in db.session.execute(query)]
