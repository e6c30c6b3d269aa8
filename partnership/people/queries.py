"""Queries for contacts."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.forms import model_choices
from partnership.partners.models import Organisation
from partnership.partners.queries import cities_named
from partnership.people.models import Contact
from partnership.search.fulltext import index_ids, one_of

contact_choices = model_choices(Contact, order_by=Contact.name)


def contact_list(text: str) -> Select:
    query = (
        select(Contact)
        .options(selectinload(Contact.organisation), selectinload(Contact.city))
        .order_by(Contact.name)
    )
    if not text:
        return query
    contacts = index_ids("contact", Contact.id, Contact.search_text, text)
    organisations = index_ids("organisation", Organisation.id, Organisation.search_text, text)
    # A city page links here with the city's name, to list every contact in it.
    in_city = Contact.city_id.in_(cities_named(text))
    if contacts is not None and organisations is not None:
        # Few found by the full-text index: looked up by id (see `one_of`).
        of_organisation = Contact.organisation_id.in_(organisations)
        found = one_of(
            Contact.id,
            (contacts, None),
            (select(Contact.id).where(of_organisation), None),
            (select(Contact.id).where(in_city), None),
        )
        if found is not None:
            return query.where(found)
    # Joined only to search: the page total would otherwise join every contact.
    query = query.outerjoin(Organisation, Contact.organisation_id == Organisation.id)
    return query.where(or_(Contact.matches(text), Organisation.matches(text), in_city))
