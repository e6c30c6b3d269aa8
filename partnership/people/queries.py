"""Queries for contacts."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.forms import model_choices
from partnership.partners.models import Organisation
from partnership.partners.queries import cities_named
from partnership.people.models import Contact

contact_choices = model_choices(Contact, order_by=Contact.name)


def contact_list(text: str) -> Select:
    query = (
        select(Contact)
        .options(selectinload(Contact.organisation), selectinload(Contact.city))
        .order_by(Contact.name)
    )
    if text:
        # Joined only to search: the page total would otherwise join every contact.
        query = query.outerjoin(Organisation, Contact.organisation_id == Organisation.id)
        # A city page links here with the city's name, to list every contact in it.
        query = query.where(
            or_(
                Contact.matches(text),
                Organisation.matches(text),
                Contact.city_id.in_(cities_named(text)),
            )
        )
    return query
