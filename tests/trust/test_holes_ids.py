"""Any id in any address, of any size or form, answers 404 when there is no such record: never
500 on either engine (SQLite refuses integers beyond 2^63, PostgreSQL beyond its column types).
Tokens, names and other parts of an address, and the ids in query strings, never answer 500."""

import re

import pytest
from auth.urls import existing_ids
from pages.helpers import fill as typed_into
from werkzeug.datastructures import MultiDict

from partnership.auth.models import Role

from .conftest import logged_in
from .form_walk import forms_storing_text

EXTREME_IDS = [
    "99999999999999999999",
    "9223372036854775808",
    "9223372036854775807",
    "2147483648",
    "0",
    "00",
    "-1",
    "-9223372036854775809",
    "1e5",
    "0x10",
    "abc",
    "1.5",
    "%00",
    "9" * 400,
    "9" * 5000,  # beyond the digits Python reads into an int by default
    "１",  # a fullwidth digit
]
HOSTILE_TEXT = ["x" * 5000, "..%2F..%2Fetc%2Fpasswd", "..", "%00", "%0d%0a", "%FF%FE", "'", "%25"]

_ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def fill(rule, int_value: str, text_value: str = "City") -> str:
    """Build the rule's address with `int_value` for every integer and `text_value` elsewhere."""

    def value(match):
        return int_value if match.group(1) == "int" else text_value

    return _ARGUMENT.sub(value, rule.rule)


def rules_with(app, predicate):
    rules = [r for r in app.url_map.iter_rules() if predicate(r)]
    assert rules
    return sorted(rules, key=lambda r: r.rule)


def has_int_argument(rule) -> bool:
    return any(match.group(1) == "int" for match in _ARGUMENT.finditer(rule.rule))


def takes_arguments(rule) -> bool:
    return bool(rule.arguments - set(rule.defaults or {}))


def is_record_box(control) -> bool:
    return "lookup-input" in (control.attrs.get("class") or "").split()


def requests_for(rule):
    """The methods to try: GET where the page is read, POST where it takes a form."""
    return [m for m in ("GET", "POST") if m in rule.methods]


@pytest.mark.parametrize("value", EXTREME_IDS)
def test_every_address_with_an_id_answers_404_for_an_impossible_id(app, demo, value):
    admin = logged_in(app, Role.ADMIN)
    answers = {}
    for rule in rules_with(app, has_int_argument):
        url = fill(rule, value)
        for method in requests_for(rule):
            answers[f"{method} {url}"] = admin.open(url, method=method).status_code

    assert {url: code for url, code in answers.items() if code != 404} == {}
    assert admin.get("/").status_code == 200, "the admin's session did not survive"


def test_an_id_beyond_every_record_answers_404_on_each_kind_of_page(app, demo):
    admin = logged_in(app, Role.ADMIN)
    top = max(i for i in existing_ids(app).values() if i) + 1000
    answers = {}
    for rule in rules_with(app, has_int_argument):
        url = fill(rule, str(top))
        for method in requests_for(rule):
            answers[f"{method} {url}"] = admin.open(url, method=method).status_code

    assert {url: code for url, code in answers.items() if code != 404} == {}


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_other_parts_of_an_address_never_answer_500(app, demo, text):
    admin = logged_in(app, Role.ADMIN)
    answers = {}
    for rule in rules_with(app, takes_arguments):
        url = fill(rule, "1", text)
        for method in requests_for(rule):
            answers[f"{method} {url}"] = admin.open(url, method=method).status_code

    assert {url: code for url, code in answers.items() if code >= 500} == {}


@pytest.mark.parametrize("token", HOSTILE_TEXT + ["a" * 32, "a" * 64, "a" * 65])
def test_a_calendar_feed_with_a_wrong_token_answers_404(client, demo, token):
    response = client.get(f"/timeline/feed/{token}.ics")

    # An address that is no feed at all (a token with a slash) is any unknown page: log in;
    # a NUL character is refused before anything is looked up.
    if response.status_code == 302:
        assert response.location.startswith("/login")
    else:
        assert response.status_code == (400 if token == "%00" else 404)


QUERY_IDS = ["99999999999999999999", "-9223372036854775809", "2147483648", "\x00", "x" * 5000]
QUERY_NAMES = [
    "page",
    "per_page",
    "visit",
    "event",
    "user",
    "city",
    "topic",
    "kind",
    "grant",
    "funder",
    "entity",
    "action",
    "from",
    "to",
    "date_from",
    "date_to",
    "q",
    "delimiter",
]


@pytest.mark.parametrize("value", QUERY_IDS)
def test_extreme_values_in_the_query_string_never_answer_500(app, demo, value):
    admin = logged_in(app, Role.ADMIN)
    pages = rules_with(app, lambda r: "GET" in r.methods and not takes_arguments(r))
    answers = {}
    for rule in pages:
        query = {name: value for name in QUERY_NAMES}
        answers[rule.rule] = admin.get(rule.rule, query_string=query).status_code

    assert {url: code for url, code in answers.items() if code >= 500} == {}


@pytest.mark.parametrize("token", ["../../etc/passwd", "x" * 5000, "\x00", "%00", ""])
@pytest.mark.parametrize("step", ["check", "confirm"])
def test_an_import_token_that_names_no_upload_never_answers_500(app, token, step):
    editor = logged_in(app, Role.EDITOR)

    response = editor.post(f"/imports/{step}", data={"token": token, "entity": "contacts"})

    assert response.status_code < 500


@pytest.mark.parametrize("entry_id", ["99999999999999999999", "-1", "0", "9" * 5000])
def test_a_page_boundary_naming_an_impossible_entry_never_answers_500(app, entry_id):
    admin = logged_in(app, Role.ADMIN)

    for boundary in ("before", "after"):
        cursor = f"20240101000000000000-{entry_id}"
        response = admin.get("/audit/", query_string={boundary: cursor})

        assert response.status_code == 200, boundary


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "0", "abc"])
def test_an_impossible_id_picked_in_any_form_is_refused_never_500(app, demo, value):
    admin = logged_in(app, Role.ADMIN)
    answers = {}
    for found in forms_storing_text(admin, app):
        pickers = [c.name for c in found.form.controls if c.tag == "select" and c.name]
        # A record field's box ("…-text") sends the chosen id under the field's own name.
        pickers += [c.name.removesuffix("-text") for c in found.form.controls if is_record_box(c)]
        if not pickers:
            continue
        changes = {name: value for name in pickers if name.endswith(("_id", "_ids"))}
        data = typed_into(found.form.data(), changes)
        answers[found.action] = admin.post(found.action, data=MultiDict(data)).status_code

    assert len(answers) > 20
    assert {url: code for url, code in answers.items() if code >= 500} == {}
