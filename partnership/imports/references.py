"""Find the records a spreadsheet names: a city under any of its names, events by title and date.

Each kind of record is loaded once, with one query, into a dictionary keyed by its folded name,
so checking a file of 10,000 rows asks the database a handful of questions, not 10,000. A kind
is named like the table of its model (`city`, `visit`; `event` is an event of any kind).
"""

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.fuzzydate import FuzzyDateError, parse_fuzzy_date
from partnership.imports.values import CellError
from partnership.partners.models import OrganisationKind
from partnership.partners.services import set_city_names
from partnership.records.entity import entity_of_table
from partnership.text import search_key

KIND_NAMES = {
    "city": _l("city"),
    "organisation": _l("organisation"),
    "delegation": _l("delegation"),
    "topic": _l("topic"),
    "event": _l("event"),
    "visit": _l("visit"),
    "agreement": _l("agreement"),
}
# The kinds "create missing" makes from a name alone, and how long that name may be.
NAME_LENGTHS = {"city": 200, "organisation": 300, "delegation": 300, "topic": 100}
EVENT_KINDS = ("event", "visit", "agreement")
# "Delegation from Zhytomyr visits Dortmund (24–29 September 2023)": a title, its date in brackets.
DATED_TITLE = re.compile(r"^(?P<title>.+?)\s*\((?P<date>[^()]+)\)$")


def model_of(kind: str) -> type:
    """Return the model of a kind of reference: `city` → City, `event` → any event."""
    entity = entity_of_table(kind)
    if entity is not None:
        return entity.model
    # Records with no description of their own (an event of any kind) by their table.
    return next(m.class_ for m in db.Model.registry.mappers if m.local_table.name == kind)


class References:
    """Resolve names to records; with `create_missing`, make new cities, organisations, etc."""

    def __init__(self, create_missing: bool = False):
        self.create_missing = create_missing
        self.created: dict[str, dict[str, object]] = {kind: {} for kind in NAME_LENGTHS}
        self._indexes: dict[str, dict[str, list]] = {}
        self._home_city: list = []
        self._new: set[int] = set()

    def find(self, kind: str, text: str):
        """Return the one record of `kind` called `text`, or raise CellError saying why not."""
        key = search_key(text)
        found = self._index(kind).get(key, [])
        if kind in EVENT_KINDS and len(found) != 1:
            found = self._dated(kind, text) or found
        if len(found) == 1:
            return found[0]
        if found:
            raise self._ambiguous(kind, text, len(found))
        if kind in self.created and key in self.created[kind]:
            return self.created[kind][key]
        if self.create_missing and kind in NAME_LENGTHS:
            return self._create(kind, text, key)
        if kind in NAME_LENGTHS:
            raise CellError(
                _(
                    "No %(kind)s is called “%(name)s”. Correct the name, add the %(kind)s "
                    "first, or tick “create missing”.",
                    kind=KIND_NAMES[kind],
                    name=text,
                )
            )
        raise CellError(_("No %(kind)s is called “%(name)s”.", kind=KIND_NAMES[kind], name=text))

    def is_new(self, record) -> bool:
        return id(record) in self._new

    def new_records(self) -> list:
        """Return the records "create missing" made, to be saved before the rows naming them."""
        return [record for made in self.created.values() for record in made.values()]

    def home_city(self):
        if not self._home_city:
            city = model_of("city")
            self._home_city.append(db.session.scalars(select(city).where(city.is_home)).first())
        return self._home_city[0]

    def _ambiguous(self, kind: str, text: str, count: int) -> CellError:
        hint = (
            _("Add its date in brackets, e.g. “%(name)s (September 2023)”.", name=text)
            if kind in EVENT_KINDS
            else _("Rename one of them first.")
        )
        return CellError(
            _(
                "%(count)d records (%(kind)s) are called “%(name)s”.",
                count=count,
                kind=KIND_NAMES[kind],
                name=text,
            )
            + " "
            + hint
        )

    def _dated(self, kind: str, text: str) -> list:
        """Find events written as 'Title (date)', the way exports name them."""
        match = DATED_TITLE.match(text)
        if not match:
            return []
        try:
            when = parse_fuzzy_date(match["date"])
        except FuzzyDateError:
            return []
        return [e for e in self._index(kind).get(search_key(match["title"]), []) if e.date == when]

    def _create(self, kind: str, text: str, key: str):
        if len(text) > NAME_LENGTHS[kind]:
            raise CellError(_("is longer than %(count)d characters.", count=NAME_LENGTHS[kind]))
        record = _made_from_name(kind, text)
        self.created[kind][key] = record
        self._new.add(id(record))
        return record

    def _index(self, kind: str) -> dict[str, list]:
        if kind not in self._indexes:
            self._indexes[kind] = _load_index(kind)
        return self._indexes[kind]


def _made_from_name(kind: str, name: str):
    """Make a record of which only the name is known; its page asks for the rest later."""
    model = model_of(kind)
    if kind == "city":
        # No country: the city's page asks for it, as its service needs one.
        city = model(name=name, country_code="", region="", is_home=False, notes="")
        set_city_names(city, name, [])
        return city
    if kind == "organisation":
        return model(name=name, kind=OrganisationKind.OTHER, website="", notes="")
    if kind == "delegation":
        return model(name=name, notes="")
    return model(name=name)


def _load_index(kind: str) -> dict[str, list]:
    index: dict[str, list] = {}

    def add(key: str, record) -> None:
        records = index.setdefault(key, [])
        if record not in records:
            records.append(record)

    model = model_of(kind)
    query = select(model)
    # A city is known under several names, in several languages and scripts.
    several_names = hasattr(model, "names")
    if several_names:
        query = query.options(selectinload(model.names))
    for record in db.session.scalars(query):
        add(search_key(record.title if kind in EVENT_KINDS else record.name), record)
        for other in record.names if several_names else ():
            add(other.search_key, record)
    return index
