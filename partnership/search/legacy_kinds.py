"""The header search of areas whose descriptions do not name their search yet."""

from flask_babel import lazy_gettext as _l

from partnership.funding.queries import grant_list
from partnership.people.queries import contact_list
from partnership.press.queries import article_list
from partnership.search.queries import Kind, _place
from partnership.visits.queries import delegation_list


def legacy_kinds() -> dict[str, Kind]:
    return {
        "contacts": Kind(
            _l("Contacts"),
            contact_list,
            lambda r: "contacts.detail",
            lambda c: " · ".join(filter(None, [c.role_title, str(c.organisation or "")])),
            _place("people", 10),
        ),
        "delegations": Kind(
            _l("Delegations"),
            delegation_list,
            lambda r: "delegations.detail",
            lambda d: "",
            _place("people", 20),
        ),
        "press": Kind(
            _l("Press articles"),
            article_list,
            lambda r: "press.detail",
            lambda a: a.outlet,
            _place("record", 50),
        ),
        "grants": Kind(
            _l("Grants"),
            grant_list,
            lambda r: "grants.detail",
            lambda g: str(g.funder),
            _place("funding", 10),
        ),
    }
