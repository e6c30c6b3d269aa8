"""Pages for contacts."""

from flask import Blueprint
from sqlalchemy import select

from partnership.extensions import db
from partnership.people import roles
from partnership.people.entity import CONTACT
from partnership.people.forms import ContactForm
from partnership.people.models import Contact
from partnership.records.pages import RecordPages
from partnership.visits.models import Delegation, DelegationMember

bp = Blueprint("contacts", __name__, url_prefix="/contacts")


class ContactPages(RecordPages):
    entity = CONTACT
    form_class = ContactForm

    def detail_context(self, contact: Contact) -> dict:
        memberships = db.session.scalars(
            select(DelegationMember).where(DelegationMember.contact_id == contact.id)
        ).all()
        headed = db.session.scalars(
            select(Delegation).where(Delegation.head_id == contact.id)
        ).all()
        return {"memberships": memberships, "headed": headed, **roles.detail_context(contact)}


PAGES = ContactPages()
PAGES.register(bp)
roles.register_roles(bp, PAGES)
