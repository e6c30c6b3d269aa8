"""The JSON API: every kind of record with pages, read and written as on its pages."""

from flask import Blueprint, Response, json, render_template, request, url_for

from partnership.api import access, listing, problems, records, scope
from partnership.api import openapi as openapi_document
from partnership.api.problems import Problem
from partnership.archive import archive
from partnership.events.models import Event
from partnership.events.queries import any_event
from partnership.events.text_filter import filter_by_text
from partnership.extensions import csrf, db
from partnership.records.entity import entity_of
from partnership.records.pages import PAGES, RecordPages
from partnership.routing import record_id

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # a token request carries no session, so nothing to forge
problems.init_blueprint(bp)
access.init_blueprint(bp)

COLLECTION_METHODS = ("GET", "POST")
RECORD_METHODS = ("GET", "PATCH", "DELETE")
ANY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE"]
# A record's JSON is a few kilobytes; notes hold at most 10,000 characters each.
MAX_BODY_BYTES = 1024 * 1024


def answer(data, status: int = 200, headers: dict | None = None) -> Response:
    response = Response(json.dumps(data), status=status, mimetype="application/json")
    response.headers.update(headers or {})
    return response


def pages_of(kind: str) -> RecordPages:
    pages = PAGES.get(kind)
    if pages is None or pages.entity.list_query is None:
        raise Problem(404, f"There is no kind of record named “{kind[:50]}”.")
    if scope.is_partner(access.user()) and not scope.partner_may_read(pages.entity):
        raise Problem(403, "A partner's token reads only the records of its partnership.")
    return pages


def allow(methods: tuple[str, ...]) -> None:
    if request.method not in (*methods, "HEAD", "OPTIONS"):
        raise Problem(
            405, "This address does not answer that method.", headers={"Allow": ", ".join(methods)}
        )


@bp.route("/<kind>", methods=ANY_METHOD)
def collection(kind: str):
    allow(COLLECTION_METHODS)
    pages = pages_of(kind)
    if request.method == "POST":
        return create(pages)
    model = pages.entity.model
    event_filters = listing.EVENT_FILTERS if listing.is_event(model) else ()
    listing.check_parameters(*listing.LIST_PARAMETERS, *event_filters)
    query = pages.entity.list_query(listing.text_filter())
    if listing.is_event(model):
        query = query.where(*listing.event_conditions(model))
    if (visible := scope.visible(access.user(), model)) is not None:
        query = query.where(visible)
    rows, has_next = listing.page_of(query, model, db.session, kind)
    body = {"items": [records.record_json(pages, row) for row in rows], "has_next": has_next}
    link = listing.link_header("api.collection", has_next, kind=kind)
    return answer(body, headers={"Link": link})


@bp.route("/events", methods=ANY_METHOD)
def events():
    """Every kind of event in one list, filtered like the timeline: for a website's calendar."""
    allow(("GET",))
    listing.check_parameters(*listing.LIST_PARAMETERS, *listing.EVENT_FILTERS, "kind")
    event = any_event()
    query = db.select(event).where(*listing.event_conditions(event, kind_filter=True))
    query = filter_by_text(query, event, listing.text_filter())
    if (visible := scope.visible(access.user(), Event)) is not None:
        query = query.where(visible)
    rows, has_next = listing.page_of(query, event, db.session)
    body = {"items": [_event_summary(row) for row in rows], "has_next": has_next}
    return answer(body, headers={"Link": listing.link_header("api.events", has_next)})


def _event_summary(event: Event) -> dict:
    entity = entity_of(event)
    return {
        "id": event.id,
        "kind": event.kind.value,
        "title": event.title,
        "date": event.date.format("en") if event.date else None,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "partner_city_id": event.partner_city_id,
        "summary": event.summary,
        "links": {"self": url_for("api.record", kind=entity.name, object_id=event.id)},
    }


# The id is read here, not by the `int` converter: an id no record can have is then a 404
# problem like any other, not a path the API does not know.
@bp.route("/<kind>/<object_id>", methods=ANY_METHOD)
def record(kind: str, object_id: str):
    allow(RECORD_METHODS)
    pages = pages_of(kind)
    listing.check_parameters()
    found = _record_or_404(pages, object_id)
    if request.method == "GET" or request.method == "HEAD":
        etag = str(found.version)
        if request.if_none_match.contains_weak(etag):
            return Response(status=304, headers={"ETag": f'"{etag}"'})
        return answer(records.record_json(pages, found), headers={"ETag": f'"{etag}"'})
    access.require_write()
    if request.method == "DELETE":
        return delete(pages, found)
    body = _json_body()
    # As on the page: the values are checked first, then the version they were made on.
    form = records.checked_form(pages, found, body, new=False)
    _check_version(found, body, required=True)
    records.save(pages, found, form, new=False)
    return answer(records.record_json(pages, found), headers={"ETag": f'"{found.version}"'})


def create(pages: RecordPages):
    access.require_write()
    body = _json_body()
    new = pages.new_record()
    records.save(pages, new, records.checked_form(pages, new, body, new=True), new=True)
    location = url_for("api.record", kind=pages.entity.name, object_id=new.id)
    headers = {"Location": location, "ETag": f'"{new.version}"'}
    return answer(records.record_json(pages, new), 201, headers)


def delete(pages: RecordPages, found):
    _check_version(found, None, required=False)
    if blockers := pages.delete_blockers(found):
        raise Problem(409, " ".join(str(blocker) for blocker in blockers))
    archive(found)
    db.session.commit()
    return Response(status=204)


def _record_or_404(pages: RecordPages, text: str):
    try:
        object_id = record_id(text)
    except ValueError as error:
        raise Problem(404, f"There is no {pages.entity.singular} number {text[:20]}.") from error
    model = pages.entity.model
    query = db.select(model).where(model.id == object_id)
    if (visible := scope.visible(access.user(), model)) is not None:
        query = query.where(visible)
    found = db.session.scalar(query)
    if found is None:
        raise Problem(404, f"There is no {pages.entity.singular} number {object_id}.")
    return found


def _json_body() -> dict:
    if not request.mimetype or not (
        request.mimetype == "application/json" or request.mimetype.endswith("+json")
    ):
        raise Problem(415, "Send the record as JSON (Content-Type: application/json).")
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise Problem(413, f"A request may hold at most {MAX_BODY_BYTES} bytes.")
    data = request.get_data(cache=True)
    if len(data) > MAX_BODY_BYTES:
        raise Problem(413, f"A request may hold at most {MAX_BODY_BYTES} bytes.")
    try:
        body = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise Problem(400, "The body is not valid JSON.") from error
    if not isinstance(body, dict):
        raise Problem(400, "The body must be a JSON object of the record's fields.")
    return body


def _check_version(found, body: dict | None, required: bool) -> None:
    """The same check as the pages: a change is saved only onto the version it started from."""
    version = str(found.version)
    if request.if_match and (request.if_match.star_tag or request.if_match.contains(version)):
        return
    if request.if_match:
        raise Problem(
            412,
            "Someone changed the record meanwhile; read it again.",
            headers={"ETag": f'"{version}"'},
        )
    sent = (body or {}).get("version")
    if sent is not None:
        if isinstance(sent, bool) or str(sent) != version:
            raise Problem(
                412,
                "Someone changed the record meanwhile; read it again.",
                headers={"ETag": f'"{version}"'},
            )
        return
    if required:
        raise Problem(428, "Send If-Match with the ETag you read (or the version in the body).")


@bp.get("/openapi.json")
def openapi():
    """The API's OpenAPI 3.1 description: public, like the page that shows it."""
    return answer(openapi_document.document())


@bp.get("/docs")
def docs():
    return render_template("api/docs.html")


@bp.route("/", defaults={"rest": ""}, methods=ANY_METHOD)
@bp.route("/<path:rest>", methods=ANY_METHOD)
def not_found(rest: str):
    raise Problem(404, "The API has no such address; see /api/v1/openapi.json.")
