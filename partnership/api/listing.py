"""Lists of the API: a page at a time in order of id, with the timeline's filters on events.

A page reads one row more than it shows to know whether another follows: no list counts its
table, so a page costs the same with ten records or ten million.
"""

from urllib.parse import urlencode

from flask import request, url_for
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.api.problems import Problem
from partnership.events.models import Event, EventKind, Topic
from partnership.events.queries import involving_city
from partnership.fuzzydate import FuzzyDateError, parse_fuzzy_date
from partnership.routing import record_id

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
# A page number beyond this is refused: skipping that far would read every row before it.
MAX_PAGE = 100_000
EVENT_FILTERS = ("partner_city", "topic", "from", "to")


LIST_PARAMETERS = ("page", "per_page", "q")


def check_parameters(*known: str) -> None:
    """Refuse parameters the address does not know: a misspelt filter must not look like an
    empty one."""
    unknown = sorted(set(request.args) - set(known))
    if unknown:
        names = ", ".join(known) or "none"
        raise Problem(400, f"Unknown parameter “{unknown[0][:40]}”; this address knows: {names}.")


def page_arguments() -> tuple[int, int]:
    page = _number("page", 1, MAX_PAGE)
    per_page = _number("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    return page, per_page


def _number(name: str, default: int, largest: int) -> int:
    text = request.args.get(name)
    if text is None:
        return default
    try:
        number = record_id(text)
    except ValueError:
        number = 0
    if not 1 <= number <= largest:
        raise Problem(400, f"{name} must be a whole number from 1 to {largest}.")
    return number


def text_filter() -> str:
    text = request.args.get("q", "").strip()
    if len(text) > 200 or "\x00" in text:
        raise Problem(400, "q must be at most 200 characters of text.")
    return text


def event_conditions(model, kind_filter: bool = False) -> list:
    """The timeline's filters that the request sets, as conditions on `model` (an event)."""
    conditions = []
    if (city := request.args.get("partner_city")) is not None:
        conditions.append(involving_city(model, _id("partner_city", city)))
    if (topic := request.args.get("topic")) is not None:
        conditions.append(model.topics.any(Topic.id == _id("topic", topic)))
    if (start := request.args.get("from")) is not None:
        conditions.append(model.date_end >= _date("from", start).start)
    if (end := request.args.get("to")) is not None:
        conditions.append(model.date_start <= _date("to", end).end)
    if kind_filter and (kind := request.args.get("kind")) is not None:
        try:
            conditions.append(model.kind == EventKind(kind))
        except ValueError as error:
            allowed = ", ".join(k.value for k in EventKind)
            raise Problem(400, f"kind must be one of: {allowed}.") from error
    return conditions


def _id(name: str, text: str) -> int:
    try:
        return record_id(text)
    except ValueError as error:
        raise Problem(400, f"{name} must be the id of a record.") from error


def _date(name: str, text: str):
    try:
        if len(text) > 100:
            raise FuzzyDateError("too long")
        return parse_fuzzy_date(text.strip())
    except (FuzzyDateError, ValueError) as error:
        raise Problem(400, f"{name} must be a date such as 2023, Q3 2023 or 2023-09-24.") from error


# What a kind's `read` reads beyond its list query's loads, loaded for a page at once; every
# kind of event reads its topics, which no office list shows.
READ_ALSO = {"visits": ("programme",)}
EVENT_READ_ALSO = ("topics",)
# Kinds whose office list works out a figure per row that the API never shows (a topic's
# events, counted over every link of the topic): the API reads them by the list's filters alone.
FILTERS_ONLY = {"topics"}


def page_of(query: Select, model, session, kind: str = "") -> tuple[list, bool]:
    """The requested page of `query` in order of id, and whether another page follows."""
    page, per_page = page_arguments()
    if kind in FILTERS_ONLY:
        query = select(model).where(*_conditions(query))
    read_also = READ_ALSO.get(kind, ()) + (EVENT_READ_ALSO if is_event(model) else ())
    loads = [selectinload(getattr(model, name)) for name in read_also]
    ordered = query.order_by(None).order_by(model.id).options(*loads)
    rows = list(session.scalars(ordered.limit(per_page + 1).offset((page - 1) * per_page)).unique())
    return rows[:per_page], len(rows) > per_page


def _conditions(query: Select) -> list:
    return [] if query.whereclause is None else [query.whereclause]


def link_header(endpoint: str, has_next: bool, **values) -> str:
    """The Link header: the next and previous pages, with the request's filters kept."""
    page, per_page = page_arguments()
    arguments = {k: v for k, v in request.args.items() if k not in ("page", "per_page")}
    links = []

    def link(number: int, rel: str) -> None:
        query = urlencode({**arguments, "page": number, "per_page": per_page})
        links.append(f'<{url_for(endpoint, **values)}?{query}>; rel="{rel}"')

    if has_next:
        link(page + 1, "next")
    if page > 1:
        link(page - 1, "prev")
    link(1, "first")
    return ", ".join(links)


def is_event(model) -> bool:
    return isinstance(model, type) and issubclass(model, Event)
