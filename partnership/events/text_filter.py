"""The events whose text holds a word, or whose partner city is named so: the text filter of
the timeline, the lists of each kind of event and the API.

On SQLite one question decides the way: are there few such events by the full-text index and
by the city's names? Then they are looked up by id, else the list's order is walked. That
question is one statement made once, its words bound at each call: built for each request
through the session, with a question of its own about the cities, it cost three times the
reading of the index.
"""

from sqlalchemy import Select, bindparam, column, func, or_, select, table, union_all

from partnership.events.models import Event
from partnership.extensions import db
from partnership.partners.models import CityName
from partnership.partners.queries import cities_named
from partnership.search.fulltext import DENSE, Found, on_sqlite, widest
from partnership.text import search_key


def _indexed(table_name: str, phrase: str) -> Select:
    """Select the ids SQLite's full-text index of `table_name` finds for the bound `phrase`."""
    name = f"{table_name}_search"
    index = table(name, column("rowid"), column(name))
    return select(index.c.rowid).where(index.c[name].match(bindparam(phrase)))


def _few_statement():
    events, names = Event.__table__, CityName.__table__
    # A city's names are few: its index answers any word at once, dense or not.
    cities = select(names.c.city_id).where(names.c.id.in_(_indexed("city_name", "city_phrase")))
    of_city = select(events.c.id).where(events.c.partner_city_id.in_(cities))
    ids = union_all(_indexed("event", "phrase"), of_city).subquery()
    first = select(ids.c[0]).limit(DENSE).subquery()
    return select(func.count()).select_from(first)


FEW = _few_statement()


def filter_by_text(query: Select, entity, text: str) -> Select:
    """Keep the events whose folded text holds `text`, or whose partner city is named so."""
    key = search_key(text)
    if not key:
        return query
    found = Found("event", entity.id, entity.search_text, key, widest(key))
    if on_sqlite():
        return query.where(_on_sqlite(found, entity))
    # PostgreSQL: the trigram index serves LIKE, weighed by the planner against the order.
    # The cities so named are read first (few, or none): asked inside the statement, their
    # subquery kept the trigram index out of the OR, the planner guessed half of all events
    # and walked the whole timeline for a title one event has (100,000 rows, 228 ms).
    # The whole text is asked, not its two most telling words as a list of one kind asks
    # (`records.paging.text_held`): two common words ("exchange", "partner") made the
    # timeline's walk read every event for a title one event has (211 ms).
    named = db.session.scalars(cities_named(text)).all()
    like = found.like()
    return query.where(or_(like, entity.partner_city_id.in_(named)) if named else like)


def _on_sqlite(found: Found, entity):
    # Few: looked up by id (a UNION; with OR SQLite would walk every event). Many: the list's
    # order is walked, meeting its first page of matches soon. Read through the session's
    # connection: the statement reads tables, not records (no archive criteria to add).
    city = Found("city_name", CityName.id, CityName.search_key, found.key, found.reach)
    cities = select(CityName.city_id).where(CityName.id.in_(city.index_ids()))
    words = {"phrase": found.phrase(), "city_phrase": city.phrase()}
    if db.session.connection().scalar(FEW, words) >= DENSE:
        return or_(found.like(), entity.partner_city_id.in_(cities))
    # Uncorrelated: a query over the event table must not absorb the one in here.
    of_city = select(Event.id).where(Event.partner_city_id.in_(cities))
    return entity.id.in_(union_all(found.index_ids().correlate(None), of_city.correlate(None)))
