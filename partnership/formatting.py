"""How values read on the page: fuzzy dates at their own precision, amounts, empty values."""

from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from operator import length_hint
from typing import Any

from babel.dates import format_datetime
from babel.numbers import format_currency, format_decimal
from flask import Flask, has_request_context, url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from partnership.countries import country_name
from partnership.fuzzydate import FuzzyDate, write_day
from partnership.i18n import current_language
from partnership.labels import label
from partnership.records.entity import Entity, entities, entity_named, entity_of


def format_fuzzy(value: FuzzyDate | None) -> str:
    return value.format(current_language()) if value else ""


def format_day(value: date | None, language: str | None = None) -> str:
    """Write a day out in the interface language: '24. September 2023', '24 September 2023',
    '24 вересня 2023' (as Babel's long date does; in the fuzzy dates' own words, which a page
    of press articles writes without asking the locale's data for each day)."""
    if not value:
        return ""
    return write_day(value, language or current_language())


def format_amount(value: Decimal | None, currency: str = "") -> str:
    """Write an amount for the interface language: '1.234,50 €' or '€1,234.50'."""
    if value is None:
        return ""
    language = current_language()
    if currency:
        return format_currency(value, currency, locale=language)
    return format_decimal(value, format="#,##0.00", locale=language)


# The kinds of event found in the registry, kept while the registry holds as many descriptions
# as when they were found (areas register while the app is created; a lookup before that is not
# kept for later). A timeline page looks a kind up for every entry.
_KINDS_FOUND: tuple[int, dict] = (-1, {})
# Each kind's label in each language, once the kinds are all known: (registry size, language).
_LABELS: dict[tuple[int, str], dict[str, str]] = {}


def _described() -> int:
    """How many descriptions the registry holds (its iterator knows, without a walk)."""
    return length_hint(entities())


def _event_kinds() -> dict[str, Entity]:
    """The description of each kind of event, by the kind an event stores (`event.kind`)."""
    global _KINDS_FOUND
    described = _described()
    if _KINDS_FOUND[0] == described:
        return _KINDS_FOUND[1]
    base = entity_named("events")
    if base is None:
        return {}
    found = {
        entity.model.__mapper__.polymorphic_identity: entity
        for entity in entities()
        if entity.model is not base.model and issubclass(entity.model, base.model)
    }
    _KINDS_FOUND = (described, found)
    return found


def _labels_in_language() -> dict[str, str]:
    """Each kind's label in the interface language, read from the catalogue once."""
    key = (_described(), current_language())
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {kind: str(e.singular) for kind, e in _event_kinds().items()}
    return labels


class _ByEventKind(Mapping):
    """What the description of each kind of event says, looked up by the stored kind."""

    def __init__(self, read: Callable[[Entity], Any], lazy: bool = False):
        self._read = read
        self._lazy = lazy

    def __getitem__(self, kind: str):
        if self._lazy:
            if has_request_context():
                return _labels_in_language()[kind]
            # Forms read labels when their module loads, before every area is described.
            return LazyString(lambda: str(self._read(_event_kinds()[kind])))
        return self._read(_event_kinds()[kind])

    def __contains__(self, kind) -> bool:
        return kind in _event_kinds()

    def __iter__(self) -> Iterator[str]:
        return iter(_event_kinds())

    def __len__(self) -> int:
        return len(_event_kinds())


EVENT_ENDPOINTS = _ByEventKind(lambda entity: entity.detail_endpoint)
EVENT_KIND_LABELS = _ByEventKind(lambda entity: entity.singular, lazy=True)


ACTION_LABELS = {
    "create": _l("created"),
    "update": _l("changed"),
    "archive": _l("archived"),
    "restore": _l("restored"),
    "delete": _l("deleted"),
    "erase": _l("erased"),
    "merge": _l("merged"),
    "unmerge": _l("merge undone"),
}


def event_url(event, **url_options) -> str:
    """Return the address of the detail page of an event of any kind."""
    return url_for(entity_of(event).detail_endpoint, object_id=event.id, **url_options)


# An id no record has, built into an address once to learn what surrounds a record's id there.
_SENTINEL_ID = 918273645546372819


def record_addresses(endpoint: str) -> Callable[[int], str]:
    """Return a function giving the address of `endpoint` for a record's id (`object_id`), the
    address built once: a list page links each of its rows without a url_for per row."""
    built = url_for(endpoint, object_id=_SENTINEL_ID)
    before, found, after = built.partition(str(_SENTINEL_ID))
    if not found:  # an address that does not show the id as it is: build each one
        return lambda object_id: url_for(endpoint, object_id=object_id)
    return lambda object_id: f"{before}{object_id}{after}"


def group_by_year(events) -> list[tuple[int | None, list]]:
    """Group events already in timeline order under the year they sort in, keeping the order."""
    groups: list[tuple[int | None, list]] = []
    for event in events:
        year = event.date_sort.year if event.date_sort else None
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(event)
    return groups


def today_marker_index(events, today: date) -> int:
    """Return the position of the first event that is not past: where 'today' goes."""
    return next(
        (i for i, e in enumerate(events) if e.date_sort is None or e.date_sort >= today),
        len(events),
    )


def format_moment(value: datetime | None) -> str:
    """Write a stored UTC time in the interface language, e.g. '24.11.2026, 21:05 UTC'."""
    if not value:
        return ""
    return format_datetime(value, "short", locale=current_language()) + " UTC"


def entity_name(record) -> str:
    """Return the name the history uses for a record's kind."""
    return type(record).__name__


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(format_moment, "moment")
    app.add_template_global(entity_name)
    app.add_template_global(ACTION_LABELS, "action_labels")
    app.add_template_filter(group_by_year)
    app.add_template_global(today_marker_index)
    app.add_template_global(event_url)
    app.add_template_global(record_addresses)
    app.add_template_global(EVENT_KIND_LABELS, "event_kind_labels")
    from partnership.events import texts  # imported here: it imports this module

    texts.init_app(app)
    # Imported here: the event queries import this module.
    from partnership.events.queries import is_cancelled, lacks_press

    app.add_template_global(is_cancelled)
    app.add_template_global(lacks_press)
    app.add_template_filter(format_fuzzy, "fuzzy")
    app.add_template_filter(format_day, "day")
    app.add_template_filter(format_amount, "amount")
    app.add_template_filter(label)
    app.add_template_global(country_name)
    app.add_template_filter(country_name)
