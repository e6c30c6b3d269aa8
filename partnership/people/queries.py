"""Queries for contacts."""

from sqlalchemy import ColumnElement, Select, func, literal, or_, select, union_all
from sqlalchemy.orm import joinedload

from partnership.extensions import db
from partnership.forms import model_choices
from partnership.partners.models import CityName, Organisation
from partnership.people.models import Contact
from partnership.records.paging import COUNTED_BY, text_held
from partnership.search.fulltext import DENSE, Found, on_sqlite, widest
from partnership.text import search_key

contact_choices = model_choices(Contact, order_by=Contact.name)

# Organisations and cities named by a search, read by id up to this many (an office knows a
# few hundred of each); past it they are asked again inside the list's statement.
NAMED_CAP = DENSE
_ORGANISATIONS, _CITIES, _FOUND = 1, 2, 3


def contact_list(text: str) -> Select:
    # Joined in the rows' statement: loaded apart, a page whose contacts had no organisation
    # sent one statement less than one whose contacts had.
    query = (
        select(Contact)
        .options(joinedload(Contact.organisation), joinedload(Contact.city))
        .order_by(Contact.name)
    )
    key = search_key(text)
    if not key:
        return query
    found, counted = _found(key)
    query = query.where(found)
    return query.execution_options(**{COUNTED_BY: counted}) if counted is not None else query


def _found(key: str) -> tuple[ColumnElement[bool], Select | None]:
    """The condition on contacts whose folded text holds `key`, or whose organisation or city
    is named so (a city page links here with the city's name, to list its contacts).

    One statement first, whatever the word: the ids of the organisations and cities so named,
    and on SQLite how many contacts the three ways find (up to DENSE). The contacts' own
    condition then names those ids: with the organisations joined and searched in one OR,
    PostgreSQL read every contact for any word. On SQLite few contacts are looked up by id in
    a UNION (with an OR it walks the whole list); many, by walking the list's order, and then
    counted through the index (also returned: see `COUNTED_BY`).
    """
    reach = widest(key)
    own = Found("contact", Contact.id, Contact.search_text, key, reach)
    organisation = Found("organisation", Organisation.id, Organisation.search_text, key, reach)
    name = Found("city_name", CityName.id, CityName.search_key, key, reach)
    sqlite = on_sqlite()
    organisations = select(Organisation.id).where(
        Organisation.archived_at.is_(None),
        Organisation.id.in_(organisation.index_ids()) if sqlite else text_held(organisation),
    )
    cities = select(CityName.city_id).where(
        CityName.id.in_(name.index_ids()) if sqlite else text_held(name)
    )
    arms = [
        select(literal(way), asked.limit(NAMED_CAP + 1).subquery().c[0])
        for way, asked in ((_ORGANISATIONS, organisations), (_CITIES, cities))
    ]
    if sqlite:
        every = union_all(
            own.index_ids(),
            select(Contact.id).where(Contact.organisation_id.in_(organisations)),
            select(Contact.id).where(Contact.city_id.in_(cities)),
        )
        first = select(every.subquery().c[0]).limit(DENSE).subquery()
        arms.append(
            select(literal(_FOUND), select(func.count()).select_from(first).scalar_subquery())
        )
    read = db.session.execute(union_all(*arms)).all()
    named = {
        way: [value for found, value in read if found == way]
        for way in (_ORGANISATIONS, _CITIES, _FOUND)
    }
    ways = []  # (ids select, condition) of the organisations' and cities' contacts
    for column, ids, asked in (
        (Contact.organisation_id, named[_ORGANISATIONS], organisations),
        (Contact.city_id, named[_CITIES], cities),
    ):
        if ids:
            condition = column.in_(ids if len(ids) <= NAMED_CAP else asked)
            ways.append((select(Contact.id).where(condition), condition))
    others = [condition for _, condition in ways]
    if not sqlite:
        return or_(text_held(own), *others), None
    if named[_FOUND][0] < DENSE:
        # Uncorrelated: a query over the contact table must not absorb the ones in here.
        ids = (own.index_ids(), *(ids for ids, _ in ways))
        return Contact.id.in_(union_all(*(each.correlate(None) for each in ids))), None
    counted = select(Contact.id).where(or_(Contact.id.in_(own.index_ids()), *others))
    return or_(own.like(), *others), counted
