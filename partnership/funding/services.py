"""Write programmes, grants, budget lines and the events a grant pays for, from plain values."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from partnership.archive import INCLUDE_ARCHIVED, restore
from partnership.events.models import Event
from partnership.extensions import db
from partnership.funding.models import BudgetLine, Grant, GrantEvent, Programme
from partnership.partners.models import Organisation, OrganisationKind
from partnership.records.values import Invalid, existing, read_attributes
from partnership.reports.rules import load_rule_sets


def gone() -> str:
    return _("This record no longer exists; choose another.")


def currency_code(text: str | None) -> str | None:
    """Return a three-letter currency code in capitals, or None if `text` is not one."""
    code = (text or "").strip().upper()
    return code if len(code) == 3 and code.isascii() and code.isalpha() else None


def check_percent(errors: dict, name: str, value: Decimal | None) -> None:
    if value is not None and not 0 <= value <= 100:
        errors[name] = _("Enter a share between 0 and 100.")


def check_not_negative(errors: dict, name: str, value: Decimal | None) -> None:
    if value is not None and value < 0:
        errors[name] = _("The amount cannot be negative.")


def _funder(funder_id: int | None) -> Organisation:
    if funder_id is None:
        raise Invalid({"funder_id": _("Choose one.")})
    funder = existing(Organisation, funder_id, "funder_id", gone())
    if funder.kind != OrganisationKind.FUNDER:
        raise Invalid({"funder_id": _("Funders are organisations of the kind “funder”.")})
    return funder


@dataclass
class ProgrammeValues:
    name: str
    funder_id: int | None
    notes: str = ""
    rule_set: str = ""


def read_programme(programme: Programme) -> ProgrammeValues:
    return read_attributes(ProgrammeValues, programme)


def save_programme(programme: Programme, values: ProgrammeValues) -> None:
    name = (values.name or "").strip()
    if not name:
        raise Invalid({"name": _("Enter the programme's name.")})
    _funder(values.funder_id)
    rule_set = (values.rule_set or "").strip()
    # A set whose file has gone may stay where it was chosen; a new choice must exist.
    if rule_set and rule_set != programme.rule_set and rule_set not in load_rule_sets()[0]:
        raise Invalid({"rule_set": _("Choose one of the rule sets offered.")})
    programme.name = name
    programme.funder_id = values.funder_id
    programme.notes = values.notes or ""
    programme.rule_set = rule_set


@dataclass
class GrantValues:
    reference: str
    funder_id: int | None
    title: str = ""
    programme_id: int | None = None
    decision_date: date | None = None
    amount: Decimal | None = None
    currency: str = "EUR"
    cofinancing_rate: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None
    report_due: date | None = None
    notes: str = ""


def read_grant(grant: Grant) -> GrantValues:
    return read_attributes(GrantValues, grant)


def save_grant(grant: Grant, values: GrantValues) -> None:
    reference = (values.reference or "").strip()
    currency = currency_code(values.currency)
    errors = {}
    if not reference:
        errors["reference"] = _("Enter the funder's reference.")
    if currency is None:
        errors["currency"] = _("Enter a three-letter currency code, e.g. EUR.")
    check_not_negative(errors, "amount", values.amount)
    check_percent(errors, "cofinancing_rate", values.cofinancing_rate)
    start, end = values.period_start, values.period_end
    if start and end and end < start:
        errors["period_end"] = _("The period cannot end before it starts.")
    if errors:
        raise Invalid(errors)
    _funder(values.funder_id)
    programme = existing(Programme, values.programme_id, "programme_id", gone())
    if programme is not None and programme.funder_id != values.funder_id:
        raise Invalid({"programme_id": _("This programme belongs to another funder.")})
    grant.reference = reference
    grant.title = (values.title or "").strip()
    grant.funder_id = values.funder_id
    grant.programme_id = values.programme_id
    grant.decision_date = values.decision_date
    grant.amount = values.amount
    grant.currency = currency
    grant.cofinancing_rate = values.cofinancing_rate
    grant.period_start = start
    grant.period_end = end
    grant.report_due = values.report_due
    grant.notes = values.notes or ""


@dataclass
class BudgetLineValues:
    name: str
    planned_amount: Decimal | None
    grant_id: int | None = None


def read_budget_line(line: BudgetLine) -> BudgetLineValues:
    return read_attributes(BudgetLineValues, line)


def save_budget_line(line: BudgetLine, values: BudgetLineValues) -> None:
    name = (values.name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the budget line's name.")
    if values.planned_amount is None:
        errors["planned_amount"] = _("Enter the planned amount.")
    elif values.planned_amount < 0:
        errors["planned_amount"] = _("The planned amount cannot be negative.")
    if errors:
        raise Invalid(errors)
    if values.grant_id is None:
        raise Invalid({"grant_id": _("Choose one.")})
    existing(Grant, values.grant_id, "grant_id", gone())
    namesake = _line_named(values.grant_id, name)
    if namesake is not None and namesake is not line:
        raise Invalid({"name": _("This grant has a budget line of that name already.")})
    line.grant_id = values.grant_id
    line.name = name
    line.planned_amount = values.planned_amount


def add_budget_line(values: BudgetLineValues) -> BudgetLine:
    """Add a line to a grant's budget; a removed line of that name comes back with the values."""
    removed = _line_named(values.grant_id, values.name, archived=True)
    if removed is not None:
        restore(removed)
        save_budget_line(removed, values)
        return removed
    line = BudgetLine()
    save_budget_line(line, values)
    db.session.add(line)
    return line


def _line_named(grant_id: int | None, name: str, archived: bool = False) -> BudgetLine | None:
    """Return the grant's live (or archived) line called `name`, whatever its letter case."""
    query = select(BudgetLine).where(
        BudgetLine.grant_id == grant_id,
        func.lower(BudgetLine.name) == (name or "").strip().lower(),
    )
    if archived:
        query = query.where(BudgetLine.archived_at.is_not(None))
        query = query.execution_options(**{INCLUDE_ARCHIVED: True})
    return db.session.scalars(query.limit(1)).first()


@dataclass
class GrantEventValues:
    grant_id: int | None = None
    event_id: int | None = None
    share_percent: Decimal | None = None
    amount: Decimal | None = None
    note: str = ""


def read_grant_event(link: GrantEvent) -> GrantEventValues:
    return read_attributes(GrantEventValues, link)


def save_grant_event(link: GrantEvent, values: GrantEventValues) -> None:
    """Keep how much of an event a grant pays; a new link joins both records' histories.

    A link is the pair of its grant and event: another pair is another link.
    """
    errors = {}
    for name in ("grant_id", "event_id"):
        if getattr(values, name) is None:
            errors[name] = _("Choose one.")
    check_percent(errors, "share_percent", values.share_percent)
    check_not_negative(errors, "amount", values.amount)
    if errors:
        raise Invalid(errors)
    pair = (values.grant_id, values.event_id)
    if link.grant_id is None:
        grant = existing(Grant, values.grant_id, "grant_id", gone())
        event = existing(Event, values.event_id, "event_id", gone())
        if db.session.get(GrantEvent, pair) is not None:
            raise Invalid(
                {
                    "grant_id": _("This grant is linked to this event already."),
                    "event_id": _("This event is linked to this grant already."),
                }
            )
        # Both lists are read before the link joins them, so each history sees it added.
        with db.session.no_autoflush:
            grant.funded_events.append(link)
            event.grant_links.append(link)
    elif pair != (link.grant_id, link.event_id):
        raise Invalid({"event_id": _("Link the other event anew; this link stays as it is.")})
    link.share_percent = values.share_percent
    link.amount = values.amount
    link.note = (values.note or "").strip()


def link_grant_event(values: GrantEventValues) -> GrantEvent:
    """Record that a grant pays for an event."""
    link = GrantEvent()
    save_grant_event(link, values)
    return link


def live_link(grant_id: int, event_id: int) -> GrantEvent | None:
    """Return the link of a grant and an event, unless either of them is archived."""
    link = db.session.get(GrantEvent, (grant_id, event_id))
    if link is None or link.grant is None or link.event is None:
        return None
    return link


def unlink_grant_event(link: GrantEvent) -> None:
    """Take an event off a grant; the event and the grant stay."""
    with db.session.no_autoflush:
        grant, event = link.grant, link.event
        grant.funded_events.remove(link)
        event.grant_links.remove(link)
    db.session.delete(link)
