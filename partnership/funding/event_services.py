"""Write an event's receipts from plain values; its participants are written in
`participant_services` (their names are kept here for the callers that knew them here)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from partnership.extensions import db
from partnership.funding.models import BudgetLine, CostItem, Grant, GrantEvent

# Participants are written in participant_services; callers that knew them here still can.
from partnership.funding.participant_services import (  # noqa: F401
    COUNTRY_CODES,
    ParticipantValues,
    add_delegation_members,
    add_participant,
    chosen_event,
    read_participant,
    save_participant,
    set_signed,
)
from partnership.funding.services import currency_code
from partnership.records.values import Invalid, read_attributes


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
    chosen_event(values.event_id)
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
