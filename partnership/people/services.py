"""Write contacts."""

from partnership.people.models import Contact

TEXT_FIELDS = ("name", "role_title", "email", "phone", "languages")


def save_contact(contact: Contact, form) -> None:
    for field in TEXT_FIELDS:
        setattr(contact, field, (getattr(form, field).data or "").strip())
    contact.organisation_id = form.organisation_id.data
    contact.city_id = form.city_id.data
    contact.notes = form.notes.data or ""
