"""Every page of the demo story answers for a logged-in editor."""

from api.helpers import bearer, make_token

from partnership.api.models import TokenScope
from partnership.auth.models import Role


def test_demo_pages_answer(client, auth, demo, app):
    auth.login(Role.ADMIN)
    # The API answers bearer tokens only, never the session (tests/api checks that): its
    # routes are walked with the admin's read token, like another system of the city would.
    api = bearer(make_token(app, Role.ADMIN, TokenScope.READ))
    rules = [
        r for r in app.url_map.iter_rules() if "GET" in r.methods and "static" not in r.endpoint
    ]
    for rule in rules:
        url = rule.rule.replace("<int:object_id>", "1")
        if "<" in url:
            continue
        headers = api if rule.endpoint.startswith("api.") else {}
        response = client.get(url, headers=headers)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
