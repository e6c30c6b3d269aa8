"""A person's data protection rights: see everything held about them, and be erased.

Erasing anonymises rather than deletes: the person stays a member of their delegations, so a
six-person delegation stays six, but nothing in the record (history included) names them.
"""

from datetime import UTC, datetime

from flask_login import current_user
from sqlalchemy import String, cast, inspect, or_, select, update

from partnership.documents.privacy import erase_documents, person_documents
from partnership.extensions import db
from partnership.funding.models import Participant
from partnership.history import people
from partnership.history.models import Change
from partnership.history.queries import changes_of, record_models
from partnership.history.recorder import PAUSED
from partnership.partners.models import Partnership
from partnership.people.models import Contact
from partnership.people.roles import erase_roles, role_report
from partnership.visits.models import Delegation, DelegationMember, Visit

ERASED = "(erased)"
PERSONAL_FIELDS = ("role_title", "email", "phone", "languages", "notes")
# What erasure clears on a participant list: the person stays counted, with their country.
PARTICIPANT_FIELDS = ("name", "role", "organisation", "city")


def erased_name(contact: Contact) -> str:
    return f"Erased person {contact.id}"


def person_report(contact: Contact) -> dict:
    """Collect everything held about a person, and where they appear."""
    memberships = db.session.scalars(
        select(DelegationMember).where(DelegationMember.contact_id == contact.id)
    ).all()
    headed = db.session.scalars(select(Delegation).where(Delegation.head_id == contact.id)).all()
    delegations = {m.delegation for m in memberships} | set(headed)
    visits = (
        db.session.scalars(
            select(Visit).where(Visit.delegation_id.in_([d.id for d in delegations]))
        ).all()
        if delegations
        else []
    )
    coordinating = db.session.scalars(
        select(Partnership).where(Partnership.coordinator_id == contact.id)
    ).all()
    participations = db.session.scalars(
        select(Participant).where(Participant.contact_id == contact.id)
    ).all()
    return {
        "contact": {
            "id": contact.id,
            "name": contact.name,
            "role_title": contact.role_title,
            "organisation": str(contact.organisation or ""),
            "city": str(contact.city or ""),
            "email": contact.email,
            "phone": contact.phone,
            "languages": contact.languages,
            "notes": contact.notes,
            "created_at": _iso(contact.created_at),
            "updated_at": _iso(contact.updated_at),
        },
        "delegations": [
            {
                "delegation": str(d),
                "head": d.head_id == contact.id,
                "role": next((m.role for m in memberships if m.delegation_id == d.id), ""),
            }
            for d in sorted(delegations, key=lambda d: d.id)
        ],
        "visits": [
            {"visit": v.title, "date": v.date.format("en") if v.date else ""} for v in visits
        ],
        "partnerships_coordinated": [str(p) for p in coordinating],
        "roles": role_report(contact),
        "participations": [
            {
                "event": p.event.title,
                "date": p.event.date.format("en") if p.event.date else "",
                "role": p.role,
                "organisation": p.organisation,
                "city": p.city,
                "country": p.country_code,
                "signed_list": p.signed_list,
            }
            for p in participations
        ],
        "documents": person_documents(contact),
        "history": [
            {
                "at": _iso(c.at),
                "action": c.action,
                "by": str(c.user or ""),
                "changes": c.fields,
            }
            for c in changes_of("Contact", contact.id)
        ],
    }


def _iso(value) -> str:
    return value.isoformat() if value else ""


def erase_person(contact: Contact) -> None:
    """Anonymise a person everywhere, history included; memberships stay so counts hold."""
    old_name = contact.name
    new_name = erased_name(contact)
    session = db.session
    session.info[PAUSED] = True
    try:
        contact.name = new_name
        for field in PERSONAL_FIELDS:
            setattr(contact, field, "")
        contact.organisation_id = None
        contact.city_id = None
        session.execute(
            update(DelegationMember)
            .where(DelegationMember.contact_id == contact.id)
            .values(role="")
        )
        # Participant lists keep the person counted (with the country, for the funder's
        # figures) but nothing that identifies them.
        session.execute(
            update(Participant)
            .where(Participant.contact_id == contact.id)
            .values(dict.fromkeys(PARTICIPANT_FIELDS, ""))
        )
        erase_roles(contact, new_name, ERASED)
        # Their own documents go; others that name them are renamed and listed for review.
        erase_documents(contact, old_name, new_name)
        session.flush()
    finally:
        session.info.pop(PAUSED, None)
    _scrub_history(contact, old_name, new_name)
    session.add(
        Change(
            at=datetime.now(UTC).replace(tzinfo=None),
            user_id=current_user.id if current_user.is_authenticated else None,
            action="erase",
            entity="Contact",
            entity_id=contact.id,
            label=new_name,
            changes={},
        )
    )


def _scrub_history(contact: Contact, old_name: str, new_name: str) -> None:
    """Rename the person in every history entry that refers to them, and only there."""
    own = select(Change).where(Change.entity == "Contact", Change.entity_id == contact.id)
    for change in db.session.scalars(own):
        change.label = new_name
        change.changes = {field: [ERASED, ERASED] for field in change.fields}
    # A participant row stands for the person: its entries bear their name and keep what the
    # row itself no longer does (see `erase_person`).
    participations = select(Participant.id).where(Participant.contact_id == contact.id)
    listed = (
        select(Change)
        .where(Change.entity == "Participant", Change.entity_id.in_(participations))
        .execution_options(include_archived=True)
    )
    for change in db.session.scalars(listed):
        change.label = new_name
        change.changes = {
            field: [ERASED, ERASED] if field in PARTICIPANT_FIELDS else values
            for field, values in change.changes.items()
        }
    fields_by_entity = {
        name: fields
        for name, model in record_models().items()
        if (fields := people.person_fields(inspect(model)))
    }
    # Entries written before ids were kept beside the names can only be matched by the whole
    # name, which is safe only while no one else carries it.
    by_name = not _has_namesake(contact, old_name)
    # Read only entries holding a field that can name someone (a field's name, never a
    # person's, is looked for in the stored text), a batch at a time.
    field_names = {field for fields in fields_by_entity.values() for field in fields}
    stored = cast(Change.changes, String)
    naming = (
        select(Change)
        .where(
            Change.entity.in_(fields_by_entity),
            or_(*(stored.contains(f'"{field}"') for field in sorted(field_names))),
        )
        .execution_options(yield_per=500)
    )
    for change in db.session.scalars(naming):
        renamed = people.rename(change.changes, contact.id, new_name)
        if by_name:
            fields = fields_by_entity[change.entity]
            renamed = people.rename_by_value(renamed, fields, old_name, new_name)
        if renamed != change.changes:
            change.changes = renamed


def _has_namesake(contact: Contact, name: str) -> bool:
    """Tell whether anyone else, a contact or a name on a participant list, is called `name`."""
    other_contact = (
        select(Contact.id)
        .where(Contact.name == name, Contact.id != contact.id)
        .execution_options(include_archived=True)
    )
    listed_by_name = select(Participant.id).where(
        Participant.contact_id.is_(None), Participant.name == name
    )
    return db.session.scalar(other_contact.union(listed_by_name).limit(1)) is not None


def get_contact(contact_id: int) -> Contact | None:
    """Find a contact, archived or not: a person's rights reach the archive too."""
    query = select(Contact).where(Contact.id == contact_id)
    return db.session.scalars(query.execution_options(include_archived=True)).first()
