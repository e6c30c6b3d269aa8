"""Every GET page of the app, found in its URL map and filled from the data at hand.

A route added later is measured without anyone listing it here: its arguments are filled by
their kind (a record's id: the busiest record of that kind; a choice: each option), and a route
whose arguments cannot be filled comes back as a page "not measured", a target missed, rather
than being skipped. Only the routes in EXCLUDED are left out, each for a reason.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from flask import Flask
from werkzeug.routing import IntegerConverter

from bench import floor
from bench.busy import Busy
from bench.database import FEED_TOKEN
from partnership.records.entity import with_pages

# Routes no benchmark should open, and why.
EXCLUDED = {
    "static": "files served as they are, no page of the app",
    "auth.logout": "ends the benchmark's session",
    "auth.login": "the login form before a session (timed by the load run's logins)",
    "oidc.login": "hands over to an outside identity provider",
    "oidc.callback": "needs an identity provider's answer",
    "security_txt.security_txt": "a fixed text; the load run's trivial page",
    "i18n.choose_language": "sets a cookie and redirects",
    "api.not_found": "the API's catch-all: any other address under it answers 404",
}
# One-time links: opening them uses them up (a partner's invitation).
ONE_TIME_WORDS = ("invitation", "accept", "confirm_email", "reset")
# Who opens a blueprint's pages when the editor may not: partner users their portal, nobody
# the public pages, other systems the API with a token.
BLUEPRINT_USERS = {"portal": "partner", "public": "public", "api": "api"}
# A word many records hold, for searches and lookups.
COMMON_WORD = "partner"
# Values for each filter of the timeline; a filter added to its form without a value here is
# "not measured".
TIMELINE_FILTERS = {
    "city": lambda busy: busy.id_of("city"),
    "kind": lambda busy: "visit",
    "topic": lambda busy: busy.id_of("topic"),
    "date_from": lambda busy: "2020",
    "date_to": lambda busy: "2021",
    "q": lambda busy: COMMON_WORD,
}


@dataclass
class Page:
    name: str
    endpoint: str
    path: str | None
    who: str = "editor"
    # The floor a list page is held against: bare SQL of the same rows and a plain template
    # (plus the app's trivial page, timed by bench/pages.py).
    floor: Callable | None = None
    # Pages of one list with 1 row and a full page: they must send the same queries.
    family: str | None = None
    problem: str = ""
    extra: dict = field(default_factory=dict)


def rules_to_measure(app: Flask) -> list:
    """Every rule answering GET, except the excluded and the one-time links."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if "GET" not in rule.methods or rule.endpoint in EXCLUDED:
            continue
        if any(word in rule.endpoint for word in ONE_TIME_WORDS):
            continue
        found.append(rule)
    return found


def discover_pages(app: Flask, busy: Busy) -> list[Page]:
    """Return a page (or more: each choice, each filter) for every rule to measure."""
    pages = []
    for rule in rules_to_measure(app):
        pages += pages_of_rule(app, rule, busy)
    return pages


def pages_of_rule(app: Flask, rule, busy: Busy) -> list[Page]:
    endpoint = rule.endpoint
    blueprint = endpoint.partition(".")[0]
    who = BLUEPRINT_USERS.get(blueprint, "editor")
    choices: list[dict] = [{}]
    # A kind of record first: the record's id then comes from that kind.
    arguments = sorted(rule.arguments - set(rule.defaults or {}), key=lambda a: a != "kind")
    for argument in arguments:
        converter = rule._converters.get(argument)
        options = getattr(converter, "items", None)
        if argument == "kind":  # each kind of record with pages (the API's collections)
            options = [entity.name for entity in with_pages()]
        if options:  # any(a, b, c): one page per option
            choices = [{**c, argument: option} for c in choices for option in sorted(options)]
            continue
        filled = []
        for values in choices:
            value = fill(rule, argument, busy, values.get("kind"))
            if value is None:
                kind = f" for {values['kind']}" if "kind" in values else ""
                problem = f"cannot fill <{argument}> of {rule.rule}{kind}"
                return [Page(endpoint, endpoint, None, who, problem=problem)]
            filled.append({**values, argument: value})
        choices = filled
    pages = []
    for values in choices:
        path = build(app, endpoint, values)
        label = endpoint + "".join(f" {v}" for k, v in values.items() if not k.endswith("id"))
        pages += with_queries(Page(label, endpoint, path, who), busy)
    return pages


def build(app: Flask, endpoint: str, values: dict, **query) -> str:
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **values, **query)


def fill(rule, argument: str, busy: Busy, kind: str | None = None):
    """A value for one argument of `rule`, or None when nothing here knows how to fill it."""
    blueprint = kind or rule.endpoint.partition(".")[0]
    if argument == "token":
        return FEED_TOKEN if "feed" in rule.rule else None
    if argument == "source":
        return busy.lookup_source()
    if argument == "entity":
        return busy.history_entity() if "record_id" in rule.arguments else busy.importable()
    # A record's id, also where the address takes any text there (the API answers a problem
    # document for an id no record can have, rather than the router's 404).
    if not isinstance(rule._converters[argument], IntegerConverter) and argument != "object_id":
        return None
    if argument == "record_id" and "entity" in rule.arguments:
        return busy.history_id()
    special = _partner_or_public(rule, argument, busy, blueprint)
    if special is not None:
        return special
    # The record of the blueprint's own kind, else of the kind the address or argument names.
    segments = [s for s in rule.rule.strip("/").split("/") if "<" not in s]
    for table in (
        busy.table_of_blueprint(blueprint) if argument == "object_id" else None,
        *(segment.removesuffix("s") for segment in reversed(segments)),
        argument.removesuffix("_id"),
    ):
        if table and busy.id_of(table) is not None:
            return busy.id_of(table)
    return None


def _partner_or_public(rule, argument: str, busy: Busy, blueprint: str):
    """The records the partner user and the public may open: their partnership's own."""
    if blueprint == "public":
        values = {
            "partnership_id": lambda: busy.partner() and busy.partner()[1],
            "event_id": busy.published_event_id,
            "document_id": busy.public_photo_id,
        }
        return values[argument]() if argument in values else None
    if blueprint != "portal":
        return None
    if argument == "document_id":
        return busy.partner_document_id()
    if "/events/" in rule.rule and rule.rule.rstrip("/").endswith(("edit", "upload")):
        return busy.proposed_event_id()  # what the partner proposed: theirs to change
    if "/events/" in rule.rule:
        return busy.partner_event_id()  # an event of the partner's own partnership
    return None


def with_queries(page: Page, busy: Busy) -> list[Page]:
    """The page as it opens, and with the query strings that matter for it."""
    endpoint, path = page.endpoint, page.path
    entity = busy.entity_of_blueprint(endpoint.partition(".")[0])
    if endpoint.endswith(".index") and entity is not None and entity.list_query is not None:
        one = busy.one_row_term(entity)
        page.floor, page.family = floor.list_floor(entity, ""), endpoint
        # A full page filtered by a common word: what the 1-row page compares its queries with.
        word = busy.common_word(entity, COMMON_WORD)
        common = Page(f"{endpoint} q={word}", endpoint, f"{path}?q={quote(word)}",
                      page.who, floor.list_floor(entity, word), endpoint)  # fmt: skip
        found = [page, common]
        if one is not None:
            found.append(
                Page(f"{endpoint} 1 row", endpoint, f"{path}?q={quote(one)}", page.who,
                     floor.list_floor(entity, one), endpoint)
            )  # fmt: skip
        else:
            found.append(Page(f"{endpoint} 1 row", endpoint, None, problem="no 1-row filter"))
        return found
    if endpoint == "timeline.index":
        return timeline_pages(page, busy)
    # Whole-table downloads: held to bare SQL streaming the same rows into the CSV writer.
    if endpoint.startswith("exports."):
        page.floor = floor.download_floor(endpoint.partition(".")[2])
    if endpoint == "timeline.download_csv":
        page.floor = floor.timeline_download_floor
    if endpoint in ("search.index", "lookup.search"):
        page.path, page.name = f"{path}?q={COMMON_WORD}", f"{page.name} q={COMMON_WORD}"
        return [page]
    if endpoint.startswith("reports.") and busy.id_of("grant") is not None:
        separator = "&" if "?" in path else "?"
        page.path = f"{path}{separator}grant={busy.id_of('grant')}"
    return [page]


def timeline_pages(page: Page, busy: Busy) -> list[Page]:
    from partnership.timeline.filters import TimelineFilterForm

    page.floor, page.family = floor.timeline_floor({}), "timeline.index"
    pages = [page]
    middle = max(1, busy.count("event") // floor.PAGE_SIZE // 2)
    pages.append(
        Page("timeline deep page", page.endpoint, f"{page.path}?page={middle}",
             floor=floor.timeline_floor({}, page=middle))
    )  # fmt: skip
    with busy.app.test_request_context():
        names = [f.name for f in TimelineFilterForm(meta={"csrf": False}) if f.name != "csrf_token"]
    for name in names:
        if name not in TIMELINE_FILTERS:
            problem = f"no value for the timeline's new filter {name!r} in TIMELINE_FILTERS"
            pages.append(Page(f"timeline {name}=", page.endpoint, None, problem=problem))
            continue
        value = TIMELINE_FILTERS[name](busy)
        path = f"{page.path}?{name}={quote(str(value))}"
        pages.append(
            Page(f"timeline {name}={value}", page.endpoint, path,
                 floor=floor.timeline_floor({name: value}),
                 family="timeline.index" if name == "q" else None)
        )  # fmt: skip
    title = busy.one_event_title()
    pages.append(
        Page("timeline 1 row", page.endpoint, f"{page.path}?q={quote(title)}",
             floor=floor.timeline_floor({"q": title}), family="timeline.index")
    )  # fmt: skip
    return pages
