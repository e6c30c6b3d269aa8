"""Events a partner proposes, and the home office's confirmation of them.

A proposal is written by the same services as the office's pages (visits, exchanges,
milestones), with the defaults a partner cannot know: the partner city is theirs, the status
planned. Like every service these flush and never commit.
"""

import enum
from dataclasses import dataclass, replace

from flask_babel import gettext as _
from sqlalchemy import Select, select

from partnership.events.models import Event, EventKind, Milestone, MilestoneKind
from partnership.events.queries import any_event, with_event_details
from partnership.events.services import (
    PLACE_LENGTH,
    MilestoneValues,
    read_milestone,
    save_milestone,
    too_long,
)
from partnership.exchanges.models import ExchangeKind, ExchangeStatus, PlannedExchange
from partnership.exchanges.services import ExchangeValues, read_exchange, save_exchange
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDate
from partnership.partners.models import Partnership
from partnership.portal.scope import belongs_to
from partnership.press.models import PressArticle
from partnership.press.services import ArticleValues, save_article
from partnership.records.values import Invalid
from partnership.visits.models import Direction, Visit, VisitStatus
from partnership.visits.services import VisitValues, read_visit, save_visit


class ProposalKind(enum.StrEnum):
    VISIT = "visit"
    EXCHANGE = "exchange"
    MEETING = "meeting"


KIND_OF_EVENT = {
    EventKind.VISIT: ProposalKind.VISIT,
    EventKind.EXCHANGE: ProposalKind.EXCHANGE,
    EventKind.MILESTONE: ProposalKind.MEETING,
}


@dataclass
class ProposalValues:
    """What a partner says about an event. `direction` is seen from the home city, as stored:
    incoming when the partner's people travel to the home city."""

    kind: ProposalKind
    title: str
    date: FuzzyDate | None = None
    direction: Direction | None = None
    place: str = ""
    summary: str = ""


def _check(values: ProposalValues) -> dict[str, str]:
    errors = {}
    place = (values.place or "").strip()
    if values.kind is ProposalKind.MEETING:
        if len(place) > PLACE_LENGTH:
            errors["place"] = too_long(PLACE_LENGTH)
    else:
        if values.direction is None:
            errors["direction"] = _("Choose who travels.")
        if place:
            # Kept nowhere else: a visit or an exchange takes place in its host city.
            errors["place"] = _(
                "A visit or an exchange takes place where the travellers go: leave the place "
                "empty, or propose a meeting."
            )
    return errors


def _write(event: Event, values: ProposalValues, partnership: Partnership) -> None:
    """Write the proposal's values over what the event holds, keeping everything else.

    Every refusal is collected, the area's service's and the proposal's own, so that all of
    them show at once; the caller rolls back what was written before a refusal.
    """
    common = {
        "title": values.title,
        "date": values.date,
        "summary": values.summary,
        "partner_city_id": partnership.partner_city_id,
    }
    errors = _check(values)
    try:
        if isinstance(event, Visit):
            # The home city hosts the partner's people when they travel, and the other way round.
            host = (
                partnership.home_city_id
                if values.direction is Direction.INCOMING
                else partnership.partner_city_id
            )
            old = read_visit(event) if event.id else VisitValues(title="", status=event.status)
            save_visit(event, replace(old, **common, direction=values.direction, host_city_id=host))
        elif isinstance(event, PlannedExchange):
            old = read_exchange(event) if event.id else ExchangeValues(title="")
            save_exchange(event, replace(old, **common, direction=values.direction))
        else:
            old = read_milestone(event) if event.id else MilestoneValues(title="")
            kind = old.milestone_kind if event.id else MilestoneKind.MEETING
            save_milestone(event, replace(old, **common, place=values.place, milestone_kind=kind))
    except Invalid as invalid:
        errors = {**invalid.errors, **errors}
    if errors:
        raise Invalid(errors)


def new_event(kind: ProposalKind) -> Event:
    if kind is ProposalKind.VISIT:
        return Visit(status=VisitStatus.PLANNED)
    if kind is ProposalKind.EXCHANGE:
        return PlannedExchange(exchange_kind=ExchangeKind.OTHER, status=ExchangeStatus.PLANNED)
    return Milestone(milestone_kind=MilestoneKind.MEETING)


def propose_event(partnership: Partnership, user, values: ProposalValues) -> Event:
    """Create the event a partner user proposes; it waits for the home office to confirm it."""
    try:
        kind = ProposalKind(values.kind)
    except ValueError:
        raise Invalid({"kind": _("Choose one of the offered values.")}) from None
    event = new_event(kind)
    _write(event, replace(values, kind=kind), partnership)
    event.proposed_by_id = user.id
    event.awaiting_confirmation = True
    db.session.add(event)
    db.session.flush()
    return event


def read_proposal(event: Event) -> ProposalValues:
    return ProposalValues(
        kind=KIND_OF_EVENT[event.kind],
        title=event.title,
        date=event.date,
        direction=getattr(event, "direction", None),
        place=getattr(event, "place", "") or "",
        summary=event.summary,
    )


def may_edit(event: Event, user) -> bool:
    """A partner edits only what they proposed, and only the kinds a partner can propose."""
    return event.proposed_by_id == user.id and event.kind in KIND_OF_EVENT


def edit_proposal(event: Event, partnership: Partnership, values: ProposalValues) -> None:
    """Change a proposed event; the home office confirms it again."""
    _write(event, replace(values, kind=KIND_OF_EVENT[event.kind]), partnership)
    event.awaiting_confirmation = True
    db.session.flush()


def confirm_event(event: Event) -> None:
    """The home office takes the proposed event as it stands."""
    if not event.awaiting_confirmation:
        raise Invalid({"event": _("This event was confirmed already.")})
    event.awaiting_confirmation = False
    db.session.flush()


def awaiting_query() -> Select:
    """Events waiting for the office's confirmation, the newest proposals first."""
    event = any_event()
    query = select(event).where(event.awaiting_confirmation.is_(True))
    return with_event_details(query, event).order_by(event.created_at.desc(), event.id.desc())


@dataclass
class CoverageValues:
    """Press coverage a partner adds: no notes, section or tags (the office's own words)."""

    title: str
    url: str = ""
    outlet: str = ""
    published_on: object = None
    language: str = ""
    event_ids: tuple[int, ...] = ()


def add_coverage(partnership: Partnership, values: CoverageValues) -> PressArticle:
    """Record an article about some of the partnership's events through the press service."""
    chosen = list(dict.fromkeys(values.event_ids or ()))
    if not chosen:
        raise Invalid({"event_ids": _("Choose at least one event the article reports.")})
    ours = select(Event.id).where(Event.id.in_(chosen), belongs_to(Event, partnership))
    if len(db.session.scalars(ours).all()) != len(chosen):
        raise Invalid({"event_ids": _("Choose among the events offered.")})
    article = PressArticle()
    save_article(
        article,
        ArticleValues(
            title=values.title,
            url=values.url,
            outlet=values.outlet,
            published_on=values.published_on,
            language=values.language,
            event_ids=chosen,
        ),
    )
    db.session.add(article)
    db.session.flush()
    return article
