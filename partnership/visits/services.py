"""Write delegations, their members and visits."""

from partnership.events.services import load_event_form, save_event_basics
from partnership.people.models import Contact
from partnership.visits.models import Delegation, DelegationMember, ProgrammeItem, Visit


def save_delegation(delegation: Delegation, form) -> None:
    delegation.name = form.name.data.strip()
    delegation.origin_city_id = form.origin_city_id.data
    delegation.origin_organisation_id = form.origin_organisation_id.data
    delegation.head_id = form.head_id.data
    delegation.size = form.size.data
    delegation.notes = form.notes.data or ""


def add_member(delegation: Delegation, form) -> DelegationMember | None:
    """Add the chosen (or newly named) person; return None if they are a member already."""
    role = (form.role.data or "").strip()
    contact_id = form.contact_id.data
    if contact_id is not None:
        if any(m.contact_id == contact_id for m in delegation.members):
            return None
        member = DelegationMember(contact_id=contact_id, role=role)
    else:
        contact = Contact(name=form.new_contact_name.data.strip(), city=delegation.origin_city)
        member = DelegationMember(contact=contact, role=role)
    delegation.members.append(member)
    return member


def set_programme(visit: Visit, text: str) -> None:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    visit.programme = [
        ProgrammeItem(position=position, description=line[:500])
        for position, line in enumerate(lines)
    ]


def save_visit(visit: Visit, form) -> None:
    save_event_basics(visit, form)
    visit.direction = form.direction.data
    visit.host_city_id = form.host_city_id.data
    visit.delegation_id = form.delegation_id.data
    visit.occasion = (form.occasion.data or "").strip()
    visit.status = form.status.data
    visit.first_official = form.first_official.data
    set_programme(visit, form.programme.data)


def load_visit_form(visit: Visit, form) -> None:
    load_event_form(visit, form)
    form.programme.data = "\n".join(item.description for item in visit.programme)
