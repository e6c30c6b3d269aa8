"""A city's name as the reader reads it: Житомир to a Ukrainian reader, Schytomyr to a German
one, Zhytomyr (its main name) to an English one.

The names in the reader's language are read with one query the first time a page needs one and
kept for the rest of the request, so a list of a hundred cities costs one query, not a hundred.
What is stored or read back keeps the main name: a download, the API, the history's labels
written during a flush, and everything outside a request (commands, the demo).
"""

from flask import g, has_request_context, request
from sqlalchemy import select

from partnership.extensions import db
from partnership.i18n import current_language, main_names_wanted
from partnership.partners.models import CityName

# Other systems read these: they get the name a city is stored and imported under.
MAIN_NAME_BLUEPRINTS = frozenset({"api", "exports"})


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
            names = kept.city_names = names_in(current_language())
    return names.get(city.id, city.name)


def names_in(language: str) -> dict[int, str]:
    """Return every city's first other name in `language`, by the city's id (one query)."""
    query = (
        select(CityName.city_id, CityName.name)
        .where(CityName.language == language)
        .order_by(CityName.id.desc())  # the first name given wins: it is written last
    )
    with db.session.no_autoflush:
        return {city_id: name for city_id, name in db.session.execute(query)}


def _keeps_main_names() -> bool:
    if not has_request_context() or main_names_wanted():
        return True
    if request.blueprint in MAIN_NAME_BLUEPRINTS:
        return True
    # What a flush writes (the history's labels of changed records) is stored text.
    return bool(getattr(db.session(), "_flushing", False))
