"""A partner user walks every page of the app: only their partnership's pages open."""

from auth.urls import PUBLIC_ENDPOINTS, TOKEN_ENDPOINTS, build_url, rule_methods

from .conftest import OFFICE_EMAIL, SECRET

# Open to a partner besides their own pages (the gate's list), or without any session.
PARTNER_OPEN = {"account", "public", "api"}
PARTNER_ENDPOINTS = {"auth.logout", "i18n.choose_language", "static"}


def blueprint_of(rule) -> str:
    return rule.endpoint.partition(".")[0]


def assert_nothing_foreign(response, url: str) -> None:
    text = response.get_data().decode("utf-8", "replace")
    assert OFFICE_EMAIL not in text, url
    assert SECRET not in text, url


def test_a_partner_opens_only_their_own_pages(app, world, partner):
    own = {"object_id": world.proposed, "document_id": world.document}
    foreign = {"object_id": world.other_visit, "document_id": world.other_document}
    refused = portal = 0
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule_methods(rule):
            continue
        skipped = PUBLIC_ENDPOINTS | TOKEN_ENDPOINTS | PARTNER_ENDPOINTS
        if rule.endpoint in skipped or blueprint_of(rule) in PARTNER_OPEN:
            continue
        if blueprint_of(rule) != "portal":
            url = build_url(rule)
            response = partner.get(url)
            assert response.status_code == 403, (url, response.status_code)
            assert_nothing_foreign(response, url)
            refused += 1
            continue
        url = build_url(rule, own)
        response = partner.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert_nothing_foreign(response, url)
        portal += 1
        if rule.arguments:
            url = build_url(rule, foreign)
            response = partner.get(url)
            assert response.status_code == 404, (url, response.status_code)
            assert_nothing_foreign(response, url)
    assert refused > 60 and portal >= 8, (refused, portal)


def test_every_event_of_the_partnership_opens_without_notes_or_contacts(world, partner):
    for event_id in (world.visit, world.agreement, world.exchange, world.proposed):
        response = partner.get(f"/partner/events/{event_id}")
        assert response.status_code == 200, event_id
        assert_nothing_foreign(response, event_id)
        assert "Office-only note" not in response.text
    visit = partner.get(f"/partner/events/{world.visit}").text
    assert "Reception in the town hall" in visit
    assert f"/partner/documents/{world.document}" in visit
    assert "signed.png" not in visit, "a signed list of participants reached a partner"
    listed = partner.get("/partner/events").text
    for title in ("Zhytomyr comes to Homeburg", "Cooperation agreement", "Youth exchange"):
        assert title in listed
    assert "Delegation of Zhytomyr" in partner.get("/partner/delegations").text


def test_the_header_shows_only_the_partners_pages(partner):
    html = partner.get("/partner/").text
    assert "Homeburg – Zhytomyr" in html
    assert 'href="/timeline/' not in html and 'role="search"' not in html
    assert 'href="/partner/events/new"' in html and 'href="/account/"' in html


def test_the_office_finds_no_partner_pages(app, world, viewer, admin):
    for client in (viewer, admin):
        assert client.get("/partner/").status_code == 404
        assert client.get(f"/partner/events/{world.visit}").status_code == 404


def test_a_partner_logging_in_for_an_office_page_lands_on_their_own(app, world):
    from conftest import PASSWORD

    from .conftest import PARTNER_EMAIL

    client = app.test_client()
    response = client.post(
        "/login?next=/timeline/", data={"email": PARTNER_EMAIL, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/partner/"
    assert client.get("/login").headers["Location"] == "/partner/"
