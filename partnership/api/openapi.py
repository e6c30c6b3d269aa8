"""The API's OpenAPI 3.1 document, written from the registry of kinds and their forms.

No library reads WTForms forms, so the document is built here: the paths from the registry,
the schemas from the forms (schemas.py).
"""

from partnership.api import listing, schemas
from partnership.api.records import blank_form
from partnership.api.schemas import ID
from partnership.events.models import EventKind
from partnership.records.pages import PAGES

PREFIX = "/api/v1"
PROBLEM = "application/problem+json"
ERRORS = {
    400: "The request cannot be read (bad JSON, a bad parameter).",
    401: "No token, or one that is unknown, revoked or of a user who may not log in.",
    403: "The token or its user may not do this.",
    404: "No such record, or not one this token may read.",
    409: "The record is still referred to, or the change would duplicate one.",
    412: "If-Match names a version older than the record's.",
    413: "The body is larger than the API accepts.",
    415: "The body is not JSON.",
    422: "Values the forms refuse; `errors` names each field.",
    428: "A change needs If-Match (or the version in the body).",
    503: "The database is not available; try again later.",
}


def document() -> dict:
    """Build the document (in a request: forms and choices speak the request's language)."""
    paths, components = {}, {"Problem": schemas.problem_schema()}
    for name, pages in sorted(PAGES.items()):
        if pages.entity.list_query is None:
            continue
        schema_name = pages.entity.model.__name__
        form = blank_form(pages)
        components[schema_name] = schemas.read_schema(form)
        components[f"{schema_name}Input"] = schemas.write_schema(form, creating=True)
        components[f"{schema_name}Change"] = schemas.write_schema(form, creating=False)
        is_event = listing.is_event(pages.entity.model)
        paths[f"{PREFIX}/{name}"] = _collection(pages, schema_name, form, is_event)
        paths[f"{PREFIX}/{name}/{{id}}"] = _item(pages, schema_name)
    paths[f"{PREFIX}/events"] = _events()
    components["EventSummary"] = schemas.event_summary_schema()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Partnership API",
            "version": "1",
            "description": (
                "Read and change the records of the international relations office. Call it "
                "with a token made on your account page: `Authorization: Bearer <token>`. "
                "Values are those of the forms: dates as YYYY-MM-DD, imprecise dates as typed "
                "on the forms, choices by value, references by id. Lists come a page at a "
                "time in order of id; the `Link` header names the next page."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {str(code): _problem(text) for code, text in ERRORS.items()},
        },
    }


def _problem(text: str) -> dict:
    return {
        "description": text,
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _errors(*codes: int) -> dict:
    return {str(code): {"$ref": f"#/components/responses/{code}"} for code in (*codes, 503)}


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, schema: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def _list_parameters(is_event: bool) -> list:
    parameters = [
        _query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": listing.MAX_PAGE},
            "The page, from 1.",
        ),
        _query(
            "per_page",
            {"type": "integer", "minimum": 1, "maximum": listing.MAX_PER_PAGE},
            f"Records per page (default {listing.DEFAULT_PER_PAGE}).",
        ),
        _query(
            "q", {"type": "string", "maxLength": 200}, "Text the records hold, as on the list page."
        ),
    ]
    if is_event:
        parameters += [
            _query("partner_city", ID, "Events with this partner city, or visits it hosted."),
            _query("topic", ID, "Events about this topic."),
            _query(
                "from",
                {"type": "string", "maxLength": 100},
                "Events ending on or after this date (2023, Q3 2023, 24.09.2023…).",
            ),
            _query(
                "to",
                {"type": "string", "maxLength": 100},
                "Events starting on or before this date.",
            ),
        ]
    return parameters


def _collection(pages, schema_name: str, form, is_event: bool) -> dict:
    plural, singular = str(pages.entity.plural), str(pages.entity.singular)
    return {
        "get": {
            "operationId": f"list_{pages.entity.name}",
            "summary": f"{plural}: list",
            "tags": [plural],
            "parameters": _list_parameters(is_event),
            "responses": {
                "200": {
                    "description": "A page of records; `Link` names the next and previous.",
                    "content": _json(schemas.list_schema(_ref(schema_name))),
                },
                **_errors(400, 401, 403),
            },
        },
        "post": {
            "operationId": f"create_{pages.entity.name}",
            "summary": f"{singular}: create",
            "tags": [plural],
            "requestBody": {"required": True, "content": _json(_ref(f"{schema_name}Input"))},
            "responses": {
                "201": {
                    "description": "Created; `Location` is its address.",
                    "content": _json(_ref(schema_name)),
                },
                **_errors(400, 401, 403, 409, 413, 415, 422),
            },
        },
    }


def _item(pages, schema_name: str) -> dict:
    plural, singular = str(pages.entity.plural), str(pages.entity.singular)
    name = pages.entity.name
    path_id = {"name": "id", "in": "path", "required": True, "schema": ID}
    version_header = {
        "name": "If-Match",
        "in": "header",
        "required": False,
        "schema": {"type": "string"},
        "description": "The ETag read; required for a change.",
    }
    return {
        "parameters": [path_id],
        "get": {
            "operationId": f"read_{name}",
            "summary": f"{singular}: read",
            "tags": [plural],
            "parameters": [
                {
                    "name": "If-None-Match",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string"},
                }
            ],
            "responses": {
                "200": {
                    "description": "The record; `ETag` is its version.",
                    "content": _json(_ref(schema_name)),
                },
                "304": {"description": "Unchanged since the ETag sent in If-None-Match."},
                **_errors(401, 403, 404),
            },
        },
        "patch": {
            "operationId": f"change_{name}",
            "summary": f"{singular}: change",
            "tags": [plural],
            "parameters": [version_header],
            "requestBody": {"required": True, "content": _json(_ref(f"{schema_name}Change"))},
            "responses": {
                "200": {"description": "Saved.", "content": _json(_ref(schema_name))},
                **_errors(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
            },
        },
        "delete": {
            "operationId": f"archive_{name}",
            "summary": f"{singular}: move to the archive",
            "tags": [plural],
            "parameters": [version_header],
            "responses": {
                "204": {"description": "Archived; an admin can restore it."},
                **_errors(401, 403, 404, 409, 412),
            },
        },
    }


def _events() -> dict:
    kinds = {"type": "string", "enum": [kind.value for kind in EventKind]}
    return {
        "get": {
            "operationId": "list_events",
            "summary": "Events of every kind, filtered like the timeline",
            "tags": ["Events"],
            "parameters": [
                *_list_parameters(True),
                _query("kind", kinds, "Only events of this kind."),
            ],
            "responses": {
                "200": {
                    "description": "A page of events.",
                    "content": _json(schemas.list_schema(_ref("EventSummary"))),
                },
                **_errors(400, 401),
            },
        }
    }
