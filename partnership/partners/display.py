"""A city's name as the reader reads it: Житомир to a Ukrainian reader, Schytomyr to a German
one, Zhytomyr (its main name) to an English one.

The names in the reader's language are read the first time a page names a city, for every city
the request has loaded by then (one query, however many rows name them), and kept for the rest
of the request; a city loaded later is read with the next batch. Reading every city's names, as
before, cost each page a row per city of the whole table.
What is stored or read back keeps the main name: a download, the API, the history's labels
written during a flush, and everything outside a request (commands, the demo).
"""

from flask import g, has_request_context, request
from sqlalchemy import select

from partnership.extensions import db
from partnership.i18n import current_language, main_names_wanted
from partnership.partners.models import City, CityName

# Other systems read these: they get the name a city is stored and imported under.
MAIN_NAME_BLUEPRINTS = frozenset({"api", "exports"})
# The most cities whose names one statement reads (an IN list stays short).
BATCH = 500


def reader_name(city) -> str:
    """Return the city's name in the reader's language if it has one, else its main name."""
    if city.id is None or not has_request_context():
        return city.name
    # The request's own `g`, looked up once: a list names a city on every row, and once the
    # names are read only a wish for main names or a flush (both checked on each call) differ.
    kept = g._get_current_object()
    names = kept.get("city_names")
    if names is None or kept.get("main_names") or getattr(db.session(), "_flushing", False):
        if _keeps_main_names():
            return city.name
        if names is None:
            names = kept.city_names = ReaderNames(current_language())
    return names.of(city)


class ReaderNames:
    """The first other name in one language of each city asked about, read in batches."""

    def __init__(self, language: str):
        self.language = language
        self.found: dict[int, str] = {}
        self.asked: set[int] = set()

    def of(self, city) -> str:
        if city.id not in self.asked:
            self._read(city.id)
        return self.found.get(city.id, city.name)

    def _read(self, city_id: int) -> None:
        """Read the names of `city_id` and of the other cities loaded and not yet asked about."""
        loaded = (
            record.id
            for record in db.session.identity_map.values()
            if isinstance(record, City) and record.id is not None and record.id not in self.asked
        )
        ids = {city_id, *loaded}
        ids = [city_id, *sorted(ids - {city_id})[: BATCH - 1]]
        query = (
            select(CityName.city_id, CityName.name)
            .where(CityName.language == self.language, CityName.city_id.in_(ids))
            .order_by(CityName.id.desc())  # the first name given wins: it is written last
        )
        with db.session.no_autoflush:
            self.found.update(db.session.execute(query).all())
        self.asked.update(ids)


def _keeps_main_names() -> bool:
    if not has_request_context() or main_names_wanted():
        return True
    if request.blueprint in MAIN_NAME_BLUEPRINTS:
        return True
    # What a flush writes (the history's labels of changed records) is stored text.
    return bool(getattr(db.session(), "_flushing", False))
