"""The header's menus: every list is reachable from them, and each role sees only its pages."""

import re

import pytest
from conftest import logged_in
from pages.helpers import Page
from sqlalchemy import select

from partnership.auth.models import Role
from partnership.extensions import db
from partnership.navigation import MENU_KEYS, MENUS, navigation_for
from partnership.partners.models import City
from partnership.records.entity import entities

LIST_PAGES = [
    "/cities/",
    "/partnerships/",
    "/organisations/",
    "/contacts/",
    "/delegations/",
    "/visits/",
    "/agreements/",
    "/exchanges/",
    "/milestones/",
    "/press/",
    "/grants/",
    "/programmes/",
    "/topics/",
]
EDITOR_PAGES = ["/imports/"]
ADMIN_PAGES = ["/users/", "/audit/", "/history/", "/archive/", "/merges/", "/contacts/review"]


def header(client, url: str = "/") -> str:
    """The HTML of the header's navigation on the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    found = re.search(r'<nav class="site-nav".*?</nav>', response.get_data(as_text=True), re.S)
    assert found, f"no header navigation on {url}"
    return found[0]


def header_links(client, url: str = "/") -> list[str]:
    return Page(header(client, url)).links


def menu_buttons(html: str) -> list[str]:
    return re.findall(r'<button type="button" class="nav-menu-button"[^>]*>([^<]*)</button>', html)


def test_an_editor_reaches_every_list_and_the_import_from_the_header(app):
    links = header_links(logged_in(app, Role.EDITOR))
    for url in [*LIST_PAGES, "/timeline/", "/reports/funding", *EDITOR_PAGES]:
        assert links.count(url) == 1, url
    assert not set(ADMIN_PAGES) & set(links)


def test_every_header_link_opens_for_an_editor(app):
    editor = logged_in(app, Role.EDITOR)
    for url in header_links(editor):
        assert editor.get(url).status_code == 200, url


def test_a_viewer_sees_no_admin_entries_and_no_admin_menu(app):
    viewer = logged_in(app, Role.VIEWER)
    html = header(viewer)
    links = Page(html).links
    assert set(LIST_PAGES) <= set(links)
    assert not set(ADMIN_PAGES + EDITOR_PAGES) & set(links)
    assert menu_buttons(html) == ["Record", "Partners", "People", "Funding"]


def test_an_admin_sees_every_admin_entry_in_the_admin_menu(app):
    html = header(logged_in(app, Role.ADMIN))
    assert menu_buttons(html) == ["Record", "Partners", "People", "Funding", "Admin"]
    admin_menu = re.search(r'<ul id="nav-menu-admin">.*?</ul>', html, re.S)[0]
    assert Page(admin_menu).links == [*EDITOR_PAGES, *ADMIN_PAGES]


def test_each_button_controls_its_list_of_links(app):
    html = header(logged_in(app, Role.ADMIN))
    controlled = re.findall(r'class="nav-menu-button" aria-controls="([^"]+)"', html)
    assert controlled == [f"nav-menu-{menu.key}" for menu in MENUS]
    for list_id in controlled:
        assert f'<ul id="{list_id}">' in html
    assert 'aria-controls="nav-list"' in html and '<ul id="nav-list"' in html


@pytest.mark.parametrize(
    ("url", "link", "menu"),
    [
        ("/visits/", "/visits/", "Record"),
        ("/cities/", "/cities/", "Partners"),
        ("/reports/funding", "/reports/funding", "Funding"),
        ("/archive/", "/archive/", "Admin"),
    ],
)
def test_the_current_area_is_marked(app, url, link, menu):
    html = header(logged_in(app, Role.ADMIN), url)
    assert re.findall(r'href="([^"]+)" aria-current="page"', html) == [link]
    assert re.findall(r'aria-current="true">([^<]*)</button>', html) == [menu]


def test_the_timeline_is_a_link_of_its_own(app):
    html = header(logged_in(app, Role.ADMIN), "/timeline/")
    assert re.findall(r'href="([^"]+)" aria-current="page"', html) == ["/timeline/"]
    assert 'aria-current="true"' not in html


def test_the_history_of_one_record_is_not_the_history_entry(app, demo):
    with app.app_context():
        city_id = db.session.scalars(select(City.id)).first()
    html = header(logged_in(app, Role.ADMIN), f"/history/City/{city_id}")
    assert 'aria-current="page"' not in html


def test_every_described_list_names_a_menu_of_the_header(app):
    described = [entity for entity in entities() if entity.nav is not None]
    assert described
    for entity in described:
        assert entity.nav.menu in MENU_KEYS, entity.name


def test_entries_of_a_menu_follow_their_order():
    navigation = navigation_for(Role.ADMIN, None, None)
    partners = next(menu for menu in navigation.menus if menu.key == "partners")
    assert [link.endpoint for link in partners.links] == [
        "cities.index",
        "partnerships.index",
        "organisations.index",
    ]
    assert [link.endpoint for link in navigation.links] == ["timeline.index"]
