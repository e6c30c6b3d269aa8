"""Write contacts from plain values."""

from dataclasses import dataclass

from flask_babel import gettext as _

from partnership.partners.models import City, Organisation
from partnership.people.models import Contact
from partnership.records.values import Invalid, existing, read_attributes


@dataclass
class ContactValues:
    name: str
    role_title: str = ""
    organisation_id: int | None = None
    city_id: int | None = None
    email: str = ""
    phone: str = ""
    languages: str = ""
    notes: str = ""


def read_contact(contact: Contact) -> ContactValues:
    return read_attributes(ContactValues, contact)


def save_contact(contact: Contact, values: ContactValues) -> None:
    name = (values.name or "").strip()
    if not name:
        raise Invalid({"name": _("Enter the person's name.")})
    gone = _("This record no longer exists; choose another.")
    existing(Organisation, values.organisation_id, "organisation_id", gone)
    existing(City, values.city_id, "city_id", gone)
    contact.name = name
    contact.role_title = (values.role_title or "").strip()
    contact.organisation_id = values.organisation_id
    contact.city_id = values.city_id
    contact.email = (values.email or "").strip()
    contact.phone = (values.phone or "").strip()
    contact.languages = (values.languages or "").strip()
    contact.notes = values.notes or ""
