"""Contacts, described once for every shared feature."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import selectinload

from partnership.imports import matching
from partnership.imports.columns import Column
from partnership.imports.schemas import CITY as CITY_HEADERS
from partnership.imports.schemas import NOTES, NOTES_LENGTH, ImportSpec
from partnership.imports.values import Email, Ref, Text
from partnership.merging.duplicates import similar_contacts
from partnership.people import queries, services
from partnership.people.models import Contact
from partnership.records.entity import Entity, ListColumn, NavPlace, register


def _role_and_organisation(contact: Contact) -> str:
    return " · ".join(filter(None, [contact.role_title, str(contact.organisation or "")]))


CONTACT = register(
    Entity(
        name="contacts",
        model=Contact,
        singular=_l("Contact"),
        plural=_l("Contacts"),
        fields={
            "name": _l("Name"),
            "role_title": _l("Role or title"),
            "organisation_id": _l("Organisation"),
            "city_id": _l("City"),
            "email": _l("Email"),
            "phone": _l("Phone"),
            "languages": _l("Languages"),
            "notes": _l("Notes"),
        },
        list_query=queries.contact_list,
        columns=(
            ListColumn(_l("Role"), lambda c: c.role_title),
            ListColumn(_l("Organisation"), lambda c: c.organisation or ""),
            ListColumn(_l("City"), lambda c: c.city or ""),
            ListColumn(_l("Email"), lambda c: c.email),
        ),
        values=services.ContactValues,
        save=services.save_contact,
        read=services.read_contact,
        referred=lambda n, **f: ngettext(
            "%(num)d contact refers to it as %(field)s.",
            "%(num)d contacts refer to it as %(field)s.",
            n,
            **f,
        ),
        nav=NavPlace("people", 10),
        search_hint=_l("name, role, email or organisation"),
        search_detail=_role_and_organisation,
        importer=ImportSpec(
            index=matching.ContactIndex,
            load_options=(selectinload(Contact.organisation), selectinload(Contact.city)),
            columns=(
                Column(
                    "Name", Text(200), "name", ("Full name", "Person", "Vollständiger Name"), True
                ),
                Column(
                    "Role",
                    Text(300),
                    "role_title",
                    ("Role or title", "Title", "Titel", "Funktion", "Rolle", "Position", "Amt"),
                ),
                Column("Organisation", Ref("organisation"), "organisation_id", ("Organization",)),
                Column("City", Ref("city"), "city_id", CITY_HEADERS),
                Column("Email", Email(), "email", ("E-Mail-Adresse", "Email address", "Mail")),
                Column(
                    "Phone", Text(50), "phone", ("Telefon", "Tel", "Telephone", "Telefonnummer")
                ),
                Column("Languages", Text(100), "languages", ("Sprachen", "Sprache", "Language")),
                Column("Notes", Text(NOTES_LENGTH), "notes", NOTES),
            ),
        ),
        personal=True,
        duplicates=similar_contacts,
    )
)
