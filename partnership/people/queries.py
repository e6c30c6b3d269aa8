"""Queries for contacts."""

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import selectinload

from partnership.forms import model_choices
from partnership.partners.models import Organisation
from partnership.people.models import Contact

contact_choices = model_choices(Contact, order_by=Contact.name)


def contact_list(text: str) -> Select:
    query = (
        select(Contact)
        .outerjoin(Organisation, Contact.organisation_id == Organisation.id)
        .options(selectinload(Contact.organisation), selectinload(Contact.city))
        .order_by(Contact.name)
    )
    if text:
        query = query.where(or_(Contact.matches(text), Organisation.matches(text)))
    return query
