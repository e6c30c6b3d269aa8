"""The contacts to review: people nothing has referred to for years, oldest change first.

Data protection keeps a person's details only while they are needed; an admin reviews those
no delegation, visit or partnership has named for `CONTACT_REVIEW_YEARS` years (see
`privacy.py` for erasure).
"""

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import Select, exists, func, select

from partnership.extensions import db
from partnership.partners.models import Partnership
from partnership.people.models import Contact
from partnership.records.paging import COUNT_CAP, ListPage
from partnership.visits.models import Delegation, DelegationMember, Visit


def review_ids(today: date | None = None) -> Select:
    """Select the ids of contacts nothing has referred to for the configured number of years,
    the longest unchanged first.

    Read along the index of contacts by their last change (`ix_contact_updated_at`), each
    contact's references looked up by its id: the page's ids come from the oldest end of the
    index whatever the number of contacts, and only the page's rows are loaded.
    """
    years = current_app.config.get("CONTACT_REVIEW_YEARS", 3)
    cutoff = (today or date.today()) - timedelta(days=365 * years)
    # A visit of the member's delegation still to come or ended after the cutoff, looked up
    # by the delegation's id (a list of every recent visit's delegation read every visit).
    recent_visit = select(Visit.id).where(Visit.date_end >= cutoff).correlate_except(Visit)
    in_recent_delegation = exists().where(
        DelegationMember.contact_id == Contact.id,
        recent_visit.where(Visit.delegation_id == DelegationMember.delegation_id).exists(),
    )
    heads_recent = exists().where(
        Delegation.head_id == Contact.id,
        recent_visit.where(Visit.delegation_id == Delegation.id).exists(),
    )
    coordinates = exists().where(Partnership.coordinator_id == Contact.id)
    return (
        select(Contact.id)
        .where(
            Contact.updated_at < datetime.combine(cutoff, datetime.min.time()),
            ~in_recent_delegation,
            ~heads_recent,
            ~coordinates,
            ~Contact.name.startswith("Erased person "),
        )
        .order_by(Contact.updated_at, Contact.id)
        .execution_options(include_archived=True)
    )


def contacts_of(ids: list[int]) -> list[Contact]:
    """Load the contacts of `ids` (archived ones too), in the order of `ids`."""
    if not ids:
        return []
    query = select(Contact).where(Contact.id.in_(ids)).execution_options(include_archived=True)
    position = {contact_id: number for number, contact_id in enumerate(ids)}
    return sorted(db.session.scalars(query), key=lambda contact: position[contact.id])


def contacts_to_review(page: int, per_page: int, today: date | None = None) -> ListPage:
    """Return page `page` of the contacts to review, counted up to the lists' cap."""
    ids = review_ids(today)
    first_ones = ids.order_by(None).limit(COUNT_CAP + 1).subquery()
    counting = select(func.count()).select_from(first_ones)
    counted = db.session.scalar(counting.execution_options(include_archived=True))
    offset = (page - 1) * per_page
    page_ids = []
    if offset < counted or counted > COUNT_CAP:
        page_ids = db.session.scalars(ids.limit(per_page + 1).offset(offset)).all()
    return ListPage(
        items=contacts_of(page_ids[:per_page]),
        page=page,
        per_page=per_page,
        has_next=len(page_ids) > per_page,
        counted=counted,
    )
