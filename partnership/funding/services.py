"""Write programmes, grants and grant links."""

from partnership.funding.models import Grant, GrantEvent, Programme


def save_programme(programme: Programme, form) -> None:
    programme.name = form.name.data.strip()
    programme.funder_id = form.funder_id.data
    programme.notes = form.notes.data


def save_grant(grant: Grant, form) -> None:
    grant.reference = form.reference.data.strip()
    grant.title = (form.title.data or "").strip()
    grant.funder_id = form.funder_id.data
    grant.programme_id = form.programme_id.data
    grant.amount = form.amount.data
    grant.currency = form.currency.data.strip().upper()
    grant.period_start = form.period_start.data
    grant.period_end = form.period_end.data
    grant.notes = form.notes.data


def link_event(grant: Grant, form) -> GrantEvent | None:
    """Record that `grant` pays for the chosen event; None if it is linked already."""
    if any(link.event_id == form.event_id.data for link in grant.funded_events):
        return None
    link = GrantEvent(
        event_id=form.event_id.data,
        share_percent=form.share_percent.data,
        amount=form.amount.data,
        note=(form.note.data or "").strip(),
    )
    grant.funded_events.append(link)
    return link
