"""Pages for contacts."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from partnership.crud import EntityPages, ListColumn, register_pages
from partnership.dependents import blocking_references
from partnership.extensions import db
from partnership.people.forms import ContactForm
from partnership.people.models import Contact
from partnership.people.queries import contact_list
from partnership.people.services import save_contact
from partnership.visits.models import Delegation, DelegationMember

bp = Blueprint("contacts", __name__, url_prefix="/contacts")


def contact_context(contact: Contact) -> dict:
    memberships = db.session.scalars(
        select(DelegationMember).where(DelegationMember.contact_id == contact.id)
    ).all()
    headed = db.session.scalars(select(Delegation).where(Delegation.head_id == contact.id)).all()
    return {"memberships": memberships, "headed": headed}


register_pages(
    bp,
    EntityPages(
        model=Contact,
        singular=_l("Contact"),
        plural=_l("Contacts"),
        form_class=ContactForm,
        list_query=contact_list,
        columns=[
            ListColumn(_l("Role"), lambda c: c.role_title),
            ListColumn(_l("Organisation"), lambda c: c.organisation or ""),
            ListColumn(_l("City"), lambda c: c.city or ""),
            ListColumn(_l("Email"), lambda c: c.email),
        ],
        save=save_contact,
        delete_blockers=blocking_references,
        detail_context=contact_context,
        search_hint=_l("name, role, email or organisation"),
    ),
)
