"""Find the records a spreadsheet names: a city under any of its names, events by title and date.

Each kind of record is loaded once, with one query, into a dictionary keyed by its folded name,
so checking a file of 10,000 rows asks the database a handful of questions, not 10,000.
"""

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership.agreements.models import Agreement
from partnership.events.models import Event, Topic
from partnership.extensions import db
from partnership.fuzzydate import FuzzyDateError, parse_fuzzy_date
from partnership.imports.values import CellError
from partnership.partners.models import City, Organisation, OrganisationKind
from partnership.partners.services import set_city_names
from partnership.text import search_key
from partnership.visits.models import Delegation, Visit

KIND_NAMES = {
    "city": _l("city"),
    "organisation": _l("organisation"),
    "delegation": _l("delegation"),
    "topic": _l("topic"),
    "event": _l("event"),
    "visit": _l("visit"),
    "agreement": _l("agreement"),
}
NAME_LENGTHS = {"city": 200, "organisation": 300, "delegation": 300, "topic": 100}
EVENT_MODELS = {"event": Event, "visit": Visit, "agreement": Agreement}
# "Delegation from Zhytomyr visits Dortmund (24–29 September 2023)": a title, its date in brackets.
DATED_TITLE = re.compile(r"^(?P<title>.+?)\s*\((?P<date>[^()]+)\)$")


class References:
    """Resolve names to records; with `create_missing`, make new cities, organisations, etc."""

    def __init__(self, create_missing: bool = False):
        self.create_missing = create_missing
        self.created: dict[str, dict[str, object]] = {kind: {} for kind in NAME_LENGTHS}
        self._indexes: dict[str, dict[str, list]] = {}
        self._home_city: list[City | None] = []
        self._new: set[int] = set()

    def find(self, kind: str, text: str):
        """Return the one record of `kind` called `text`, or raise CellError saying why not."""
        key = search_key(text)
        found = self._index(kind).get(key, [])
        if kind in EVENT_MODELS and len(found) != 1:
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

    def home_city(self) -> City | None:
        if not self._home_city:
            query = select(City).where(City.is_home)
            self._home_city.append(db.session.scalars(query).first())
        return self._home_city[0]

    def _ambiguous(self, kind: str, text: str, count: int) -> CellError:
        hint = (
            _("Add its date in brackets, e.g. “%(name)s (September 2023)”.", name=text)
            if kind in EVENT_MODELS
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
        if kind == "city":
            # The country is not in the file; the city's page asks for it later.
            record = City(name=text, country_code="", region="", is_home=False, notes="")
            set_city_names(record, text, [])
        elif kind == "organisation":
            record = Organisation(name=text, kind=OrganisationKind.OTHER, website="", notes="")
        elif kind == "delegation":
            record = Delegation(name=text, notes="")
        else:
            record = Topic(name=text)
        self.created[kind][key] = record
        self._new.add(id(record))
        return record

    def _index(self, kind: str) -> dict[str, list]:
        if kind not in self._indexes:
            self._indexes[kind] = _load_index(kind)
        return self._indexes[kind]


def _load_index(kind: str) -> dict[str, list]:
    index: dict[str, list] = {}

    def add(key: str, record) -> None:
        records = index.setdefault(key, [])
        if record not in records:
            records.append(record)

    if kind == "city":
        for city in db.session.scalars(select(City).options(selectinload(City.names))):
            add(search_key(city.name), city)
            for name in city.names:
                add(name.search_key, city)
        return index
    model = {"organisation": Organisation, "delegation": Delegation, "topic": Topic}.get(kind)
    if model is not None:
        for record in db.session.scalars(select(model)):
            add(search_key(record.name), record)
        return index
    for event in db.session.scalars(select(EVENT_MODELS[kind])):
        add(search_key(event.title), event)
    return index
