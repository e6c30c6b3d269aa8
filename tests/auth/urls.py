"""Build every URL of the app and tell which pages need which role."""

import re

from sqlalchemy import select

from partnership.auth.models import User
from partnership.extensions import db
from partnership.records.entity import with_pages

# Pages anyone may open: the login page, the static files, and the language switch
# (which only sets a cookie and must work on the login page too).
PUBLIC_ENDPOINTS = {"auth.login", "static", "i18n.choose_language"}
# Single sign-on starts and ends before a login (tests/auth/test_oidc_login.py).
PUBLIC_ENDPOINTS |= {"oidc.login", "oidc.callback"}
# Where to report a vulnerability is for everyone (tests/auth/test_security_txt.py).
PUBLIC_ENDPOINTS |= {"security_txt.security_txt"}
# The site's icon, which browsers ask for before a login (tests/auth/test_icon.py).
PUBLIC_ENDPOINTS |= {"icon.favicon"}
# The calendar feed has no login session (calendar programs cannot log in); the secret token
# in its address is its login, so a visitor without a valid token must be turned away.
TOKEN_ENDPOINTS = {"timeline.calendar_feed"}
# An invitation's link opens a partner's account without a login; its secret is the token.
TOKEN_ENDPOINTS |= {"partner_access.accept"}

# A partner's own pages answer 404 to the office's users, whatever their role; a partner user
# walks them in tests/portal/test_partner_walk.py.
PARTNER_BLUEPRINTS = {"portal"}
# The public pages of partnerships answer anyone without a login, the same for everyone;
# tests/public_pages/ walks them logged out (and runs axe on them).
PUBLIC_BLUEPRINTS = {"public"}
# The API answers bearer tokens only, never a session: tests/api/ checks its tokens and roles.
API_BLUEPRINTS = {"api"}

# Which model an `<int:object_id>` page of each blueprint shows, to open a record that exists.
DETAIL_MODELS = {entity.name: entity.model for entity in with_pages()} | {"users": User}

_ARGUMENT = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")
# Text arguments that must name something that exists to open a page: an importable kind.
TEXT_ARGUMENTS = {"entity": "contacts", "source": "city"}

WRITE_SUFFIXES = ("/new", "/edit", "/delete")
# The record of all changes, the archive, erasing a person, the review list and the audit log:
# admins only.
ADMIN_ENDPOINTS = {
    "history.index",
    "history.archive_index",
    "history.restore_record",
    "privacy.erase",
    "privacy.review",
    "audit.index",
    "audit.download",
    "merging.index",
    "merging.undo",
    "partner_access.invite",
    "partner_access.withdraw",
}


def build_url(rule, ids: dict[str, int] | None = None) -> str:
    """Fill the rule's arguments: integers from `ids` (default 1), a choice with its first
    option, known text arguments with a value that exists, anything else with 'x'."""
    ids = ids or {}

    def fill(match):
        converter, options, name = match.group(1) or "default", match.group(2), match.group(3)
        if converter == "int":
            return str(ids.get(name, 1))
        if converter == "any":
            return options.split(",")[0].strip().strip("'\"")
        return TEXT_ARGUMENTS.get(name, "x")

    return _ARGUMENT.sub(fill, rule.rule)


def rule_methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def app_rules(app, *, skip=()):
    """Every rule of the app except the public and token pages, the partners' own pages (and
    any endpoint in `skip`)."""
    skipped = PUBLIC_ENDPOINTS | TOKEN_ENDPOINTS | set(skip)
    rules = [
        r
        for r in app.url_map.iter_rules()
        if r.endpoint not in skipped
        and r.endpoint.partition(".")[0]
        not in PARTNER_BLUEPRINTS | PUBLIC_BLUEPRINTS | API_BLUEPRINTS
    ]
    assert len(rules) > 40, "the URL map looks too small to be the whole app"
    return sorted(rules, key=lambda r: r.rule)


def is_write_page(rule) -> bool:
    """Pages only editors (or admins) may open, even with GET.

    Those ending in /new, /edit or /delete, the user pages, and any other page that is a form
    posting back to itself (such as /visits/record): a viewer could not submit it anyway.
    """
    path = rule.rule.rstrip("/")
    return (
        path.endswith(WRITE_SUFFIXES)
        or rule.endpoint.startswith("users.")
        or rule.endpoint in ADMIN_ENDPOINTS
        or {"GET", "POST"} <= rule.methods
    )


def existing_ids(app) -> dict[str, int]:
    """For each blueprint with detail pages, the id of one record that exists."""
    with app.app_context():
        found = {}
        for blueprint, model in DETAIL_MODELS.items():
            found[blueprint] = db.session.scalar(select(model.id).order_by(model.id).limit(1))
        return found


def url_with_existing_record(rule, ids_by_blueprint: dict[str, int]) -> str:
    blueprint = rule.endpoint.partition(".")[0]
    if rule.endpoint == "history.record":
        # The history of a record that exists: the first city.
        return f"/history/City/{ids_by_blueprint.get('cities') or 1}"
    record_id = ids_by_blueprint.get(blueprint) or 1
    return build_url(rule, {"object_id": record_id, "user_id": record_id})
