"""Write programmes, grants, budget lines, grant links, receipts and participants."""

from partnership.funding.models import (
    BudgetLine,
    CostItem,
    Grant,
    GrantEvent,
    Participant,
    ParticipantOrigin,
    Programme,
)
from partnership.funding.queries import delegation_people

PARTICIPANT_ROLE_LENGTH = Participant.__table__.c.role.type.length


def save_programme(programme: Programme, form) -> None:
    programme.name = form.name.data.strip()
    programme.funder_id = form.funder_id.data
    programme.notes = form.notes.data or ""


def save_grant(grant: Grant, form) -> None:
    grant.reference = form.reference.data.strip()
    grant.title = (form.title.data or "").strip()
    grant.funder_id = form.funder_id.data
    grant.programme_id = form.programme_id.data
    grant.decision_date = form.decision_date.data
    grant.amount = form.amount.data
    grant.currency = form.currency.data.upper()
    grant.cofinancing_rate = form.cofinancing_rate.data
    grant.period_start = form.period_start.data
    grant.period_end = form.period_end.data
    grant.report_due = form.report_due.data
    grant.notes = form.notes.data or ""


def _link_values(form) -> dict:
    return {
        "share_percent": form.share_percent.data,
        "amount": form.amount.data,
        "note": (form.note.data or "").strip(),
    }


def link_event(grant: Grant, form) -> GrantEvent | None:
    """Record that `grant` pays for the chosen event; None if it is linked already."""
    if any(link.event_id == form.event_id.data for link in grant.funded_events):
        return None
    link = GrantEvent(event_id=form.event_id.data, **_link_values(form))
    grant.funded_events.append(link)
    return link


def link_grant(event, form) -> GrantEvent | None:
    """Record that the chosen grant pays for `event`; None if it is linked already."""
    if any(link.grant_id == form.grant_id.data for link in event.grant_links):
        return None
    link = GrantEvent(grant_id=form.grant_id.data, event_id=event.id, **_link_values(form))
    event.grant_links.append(link)
    return link


def add_budget_line(grant: Grant, form) -> BudgetLine | None:
    """Add a line to the grant's budget; None if the grant has a line of that name already."""
    name = form.name.data.strip()
    if any(line.name.casefold() == name.casefold() for line in grant.budget_lines):
        return None
    line = BudgetLine(name=name, planned_amount=form.planned_amount.data)
    grant.budget_lines.append(line)
    return line


def add_cost(event, form) -> CostItem:
    """Book a receipt for `event`; an empty grant share means the grant pays all of it."""
    share = form.grant_share.data
    cost = CostItem(
        budget_line_id=form.budget_line_id.data,
        paid_on=form.paid_on.data,
        payee=form.payee.data or "",
        purpose=form.purpose.data or "",
        amount=form.amount.data,
        currency=form.currency.data.upper(),
        receipt_number=form.receipt_number.data or "",
        grant_share=form.amount.data if share is None else share,
        note=form.note.data or "",
    )
    event.cost_items.append(cost)
    return cost


def add_participant(event, form, contact=None) -> Participant | None:
    """Add someone to the event's participants; None if the contact takes part already.

    Organisation, city and country left empty are taken from the contact.
    """
    if contact is not None and any(p.contact_id == contact.id for p in event.participants):
        return None
    participant = Participant(
        contact=contact,
        name="" if contact else form.name.data,
        organisation=form.organisation.data or _organisation_of(contact),
        city=form.city.data or _city_of(contact),
        country_code=form.country_code.data or _country_of(contact),
        role=form.role.data or "",
        origin=ParticipantOrigin(form.origin.data),
        signed_list=form.signed_list.data,
    )
    event.participants.append(participant)
    return participant


def add_delegation_members(visit, home_country: str | None) -> list[Participant]:
    """Add the head and members of the visit's delegation who are not participants yet."""
    delegation = visit.delegation
    if delegation is None:
        return []
    taking_part = {p.contact_id for p in visit.participants}
    added = []
    for contact, role in delegation_people(delegation):
        if contact.id in taking_part:
            continue
        taking_part.add(contact.id)
        country = _country_of(contact) or (
            delegation.origin_city.country_code if delegation.origin_city else ""
        )
        participant = Participant(
            contact=contact,
            organisation=_organisation_of(contact)
            or (delegation.origin_organisation.name if delegation.origin_organisation else ""),
            city=_city_of(contact)
            or (delegation.origin_city.name if delegation.origin_city else ""),
            country_code=country,
            # A role title may hold 300 characters, a participant's role 200: the list keeps
            # the start of it (the contact keeps all of it).
            role=(role or contact.role_title)[:PARTICIPANT_ROLE_LENGTH],
            origin=ParticipantOrigin.LOCAL
            if country and country == home_country
            else ParticipantOrigin.INTERNATIONAL,
        )
        visit.participants.append(participant)
        added.append(participant)
    return added


def _organisation_of(contact) -> str:
    return contact.organisation.name if contact and contact.organisation else ""


def _city_of(contact) -> str:
    return contact.city.name if contact and contact.city else ""


def _country_of(contact) -> str:
    return contact.city.country_code.upper() if contact and contact.city else ""
