"""Check a grant's report pack against its programme's rules before it goes to the funder.

Each finding is a warning that names the event, budget line or receipt with a link to where
it is put right; none stops the download. Every check is one grouped query over the grant's
funded events or receipts, so a grant of many events costs the same few queries; long lists
of receipts are cut after LISTED with a count of the rest.
"""

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import case, func, or_, select

from partnership.documents.models import Document, DocumentKind
from partnership.events.models import Event
from partnership.events.queries import chronological
from partnership.extensions import db
from partnership.formatting import event_url, format_amount, format_day
from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    GrantEvent,
    Participant,
    ParticipantOrigin,
)
from partnership.funding.queries import budget_spending
from partnership.press.models import PressArticle, event_press_article
from partnership.reports.rules import ChosenRules, RuleSet, rules_for_grant
from partnership.reports.selection import FundingSelection, events_in_period

LISTED = 20


@dataclass(frozen=True)
class PackWarning:
    """One finding: what is wrong (`message`), about what (`subject`), where to fix it."""

    check: str
    subject: str
    message: str
    url: str | None = None


def pack_selection(grant: Grant, start: date | None, end: date | None) -> FundingSelection:
    """The grant in the period; without a period, the grant's own."""
    if start is None and end is None:
        start, end = grant.period_start, grant.period_end
    return FundingSelection.build(grant=grant, start=start, end=end)


def funded_events(selection: FundingSelection) -> list[Event]:
    """The grant's funded events whose dates overlap the period, in date order."""
    query = (
        select(Event)
        .join(GrantEvent, GrantEvent.event_id == Event.id)
        .where(GrantEvent.grant_id.in_(selection.grant_ids))
        .order_by(*chronological(Event))
    )
    return db.session.scalars(events_in_period(query, Event, selection)).all()


def event_tables() -> tuple[str, ...]:
    """The table names a document on an event may carry: the base table or its kind's."""
    mappers = Event.__mapper__.self_and_descendants
    return tuple({mapper.local_table.name for mapper in mappers})


def documents_on(table_names, record_ids, kind: DocumentKind) -> set[int]:
    """Return which of the records carry at least one document of `kind`."""
    if not record_ids:
        return set()
    query = select(Document.record_id).where(
        Document.table_name.in_(table_names),
        Document.record_id.in_(record_ids),
        Document.kind == kind,
    )
    return set(db.session.scalars(query.distinct()))


def participant_totals(event_ids, signed_only: bool) -> dict[int, tuple[int, int]]:
    """Return (participants, invited from abroad) per event, only signed ones if asked."""
    if not event_ids:
        return {}
    invited = case((Participant.origin == ParticipantOrigin.INTERNATIONAL, 1), else_=0)
    query = (
        select(Participant.event_id, func.count(), func.coalesce(func.sum(invited), 0))
        .where(Participant.event_id.in_(event_ids))
        .group_by(Participant.event_id)
    )
    if signed_only:
        query = query.where(Participant.signed_list.is_(True))
    return {event_id: (total, int(abroad)) for event_id, total, abroad in db.session.execute(query)}


def _pressed(event_ids) -> set[int]:
    """Events with a press article or a scanned clipping, on the event or on its article."""
    if not event_ids:
        return set()
    # Through the article's entity, so an archived article is no evidence.
    linked = (
        select(event_press_article.c.event_id)
        .join(PressArticle, PressArticle.id == event_press_article.c.press_article_id)
        .where(event_press_article.c.event_id.in_(event_ids))
        .distinct()
    )
    found = set(db.session.scalars(linked))
    return found | documents_on(event_tables(), event_ids, DocumentKind.CLIPPING)


def _participant_warnings(events, rules: RuleSet) -> list[PackWarning]:
    if not (rules.minimum_participants or rules.minimum_invited):
        return []
    totals = participant_totals([event.id for event in events], rules.count_signed_only)
    found = []
    for event in events:
        total, invited = totals.get(event.id, (0, 0))
        url = url_for("event_funding.detail", object_id=event.id, _anchor="participants")
        if total < rules.minimum_participants:
            counted = (
                _("%(num)d signed participants", num=total)
                if rules.count_signed_only
                else _("%(num)d participants", num=total)
            )
            message = _(
                "%(counted)s; the funder asks for at least %(minimum)d.",
                counted=counted,
                minimum=rules.minimum_participants,
            )
            found.append(PackWarning("participants", event.title, message, url))
        if invited < rules.minimum_invited:
            message = _(
                "%(num)d invited from abroad; the funder asks for at least %(minimum)d.",
                num=invited,
                minimum=rules.minimum_invited,
            )
            found.append(PackWarning("invited", event.title, message, url))
    return found


def _evidence_warnings(events, rules: RuleSet) -> list[PackWarning]:
    found = []
    ids = [event.id for event in events]
    if rules.press_evidence_per_event:
        pressed = _pressed(ids)
        for event in events:
            if event.id not in pressed:
                message = _("No press evidence: link a press article or upload a clipping.")
                found.append(PackWarning("press", event.title, message, event_url(event)))
    if rules.require_signed_lists:
        scanned = documents_on(event_tables(), ids, DocumentKind.SIGNED_LIST)
        for event in events:
            if event.id not in scanned:
                message = _("No scan of the signed participant list has been uploaded.")
                url = event_url(event, _anchor="documents")  # where it is uploaded
                found.append(PackWarning("signed-list", event.title, message, url))
    return found


def _receipt_warnings(grant: Grant, rules: RuleSet) -> list[PackWarning]:
    """Receipts of the grant paid before or after its period, or without a date paid."""
    start, end = grant.period_start, grant.period_end
    if not rules.receipts_inside_period or (start is None and end is None):
        return []
    outside = [CostItem.paid_on.is_(None)]
    if start is not None:
        outside.append(CostItem.paid_on < start)
    if end is not None:
        outside.append(CostItem.paid_on > end)
    query = (
        select(CostItem)
        .join(BudgetLine, BudgetLine.id == CostItem.budget_line_id)
        .where(BudgetLine.grant_id == grant.id, or_(*outside))
        .order_by(CostItem.paid_on.is_(None), CostItem.paid_on, CostItem.id)
    )
    count = db.session.scalar(select(func.count()).select_from(query.subquery()))
    found = []
    period = f"{format_day(start) or '…'} – {format_day(end) or '…'}"
    for receipt in db.session.scalars(query.limit(LISTED)):
        if receipt.paid_on is None:
            message = _("No date paid: it cannot be shown to fall into the grant's period.")
        else:
            message = _(
                "Paid on %(day)s, outside the grant's period %(period)s.",
                day=format_day(receipt.paid_on),
                period=period,
            )
        url = url_for("event_funding.detail", object_id=receipt.event_id, _anchor="costs")
        found.append(PackWarning("receipt-period", str(receipt), message, url))
    if count > LISTED:
        more = ngettext(
            "%(num)d more receipt lies outside the period.",
            "%(num)d more receipts lie outside the period.",
            count - LISTED,
        )
        found.append(PackWarning("receipt-period", "", more, None))
    return found


def _budget_warnings(selection: FundingSelection, rules: RuleSet) -> list[PackWarning]:
    allowed = rules.allowed_overrun_percent
    if allowed is None:
        return []
    found = []
    for row in budget_spending(selection.grants, selection.period):
        if row.is_total or row.planned is None:
            continue
        if row.spent <= row.planned * (100 + allowed) / 100:
            continue
        over = (
            _("nothing was planned")
            if not row.planned
            else _(
                "%(percent)s %% over",
                percent=f"{(row.spent - row.planned) * 100 / row.planned:.1f}",
            )
        )
        message = _(
            "Spent %(spent)s of %(planned)s planned (%(over)s); the rules allow %(allowed)s %%.",
            spent=format_amount(row.spent, row.currency),
            planned=format_amount(row.planned, row.currency),
            over=over,
            allowed=f"{allowed:g}",
        )
        url = url_for("grants.detail", object_id=row.grant.id, _anchor="budget")
        found.append(PackWarning("overspent", row.line.name, message, url))
    return found


def _rule_set_warnings(chosen: ChosenRules) -> list[PackWarning]:
    if chosen.error is not None:
        message = _(
            "The rule set cannot be read (%(error)s); only the general checks were made.",
            error=chosen.error,
        )
        return [PackWarning("rule-set", chosen.chosen, message, None)]
    if chosen.missing:
        message = _("No such rule set is installed; only the general checks were made.")
        return [PackWarning("rule-set", chosen.chosen, message, None)]
    return []


def check_pack(grant_id: int, period: tuple[date | None, date | None]) -> list[PackWarning]:
    """Check the pack of a grant for a period (start, end) against its programme's rules."""
    grant = db.session.get(Grant, grant_id)
    if grant is None:
        return []
    selection = pack_selection(grant, *period)
    chosen = rules_for_grant(grant)
    events = funded_events(selection)
    return [
        *_rule_set_warnings(chosen),
        *_participant_warnings(events, chosen.rules),
        *_evidence_warnings(events, chosen.rules),
        *_receipt_warnings(grant, chosen.rules),
        *_budget_warnings(selection, chosen.rules),
    ]
