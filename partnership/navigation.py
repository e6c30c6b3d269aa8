"""The header's navigation: a few menus of links, built from the records' descriptions.

A kind of record names its place with `Entity.nav = NavPlace(menu, order)`, where `menu` is a
key of `MENUS`; pages that are not lists of records are entered below in `PAGES`.
"""

from dataclasses import dataclass
from operator import length_hint

from flask import Flask, has_request_context, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user

from partnership.auth.models import Role
from partnership.i18n import current_language
from partnership.records.entity import Label, entities


@dataclass(frozen=True)
class Menu:
    key: str
    label: Label
    order: int


MENUS = (
    # "Record" is also a noun elsewhere (a stored record): the menu's verb has its own context.
    Menu("record", lazy_pgettext("menu", "Record"), 10),
    Menu("partners", _l("Partners"), 20),
    Menu("people", _l("People"), 30),
    Menu("funding", _l("Funding"), 40),
    Menu("admin", _l("Admin"), 50),
)
MENU_KEYS = {menu.key for menu in MENUS}


@dataclass(frozen=True)
class Page:
    """A link of the header. `menu` None puts it directly in the header, beside the menus.

    It is the current page on `endpoint` itself and on any page of the `areas` blueprints.
    """

    endpoint: str
    label: Label
    menu: str | None
    order: int
    role: Role = Role.VIEWER
    areas: tuple[str, ...] = ()


PAGES = (
    Page("timeline.index", _l("Timeline"), None, 10, areas=("timeline",)),
    Page("reports.funding", _l("Funding reports"), "funding", 90, areas=("reports",)),
    Page("imports.upload", _l("Import"), "admin", 10, Role.EDITOR, areas=("imports",)),
    Page("users.index", _l("Users"), "admin", 20, Role.ADMIN, areas=("users",)),
    Page("audit.index", _l("Audit log"), "admin", 30, Role.ADMIN, areas=("audit",)),
    Page("history.index", _l("History"), "admin", 40, Role.ADMIN),
    Page("history.archive_index", _l("Archive"), "admin", 50, Role.ADMIN),
    Page("merging.index", _l("Merges"), "admin", 55, Role.ADMIN, areas=("merging",)),
    Page("privacy.review", _l("Contacts to review"), "admin", 60, Role.ADMIN),
)


@dataclass(frozen=True)
class Link:
    endpoint: str
    label: str
    current: bool
    href: str = ""


@dataclass(frozen=True)
class MenuLinks:
    key: str
    label: str
    links: tuple[Link, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


@dataclass(frozen=True)
class Navigation:
    """What the header shows: links of their own, then the menus in their order."""

    links: tuple[Link, ...]
    menus: tuple[MenuLinks, ...]


def all_pages() -> list[Page]:
    """Return every page of the header: the lists of the described records and `PAGES`."""
    pages = list(PAGES)
    for entity in entities():
        if entity.nav is None:
            continue
        if entity.nav.menu not in MENU_KEYS:
            raise ValueError(
                f"{entity.name}: menu {entity.nav.menu!r} is none of {sorted(MENU_KEYS)}"
            )
        pages.append(
            Page(
                entity.index_endpoint,
                entity.plural,
                entity.nav.menu,
                entity.nav.order,
                areas=(entity.name,),
            )
        )
    return pages


# The header's links are the same on every page for one role, language and address root: they
# are read from the registry, translated and turned into addresses once, not on every page.
_LAYOUTS: dict[tuple, tuple] = {}
# Addresses of the layout's fixed links and files, once per address root.
_FIXED: dict[str, dict[str, str]] = {}
FIXED_ENDPOINTS = {
    "style": ("static", {"filename": "style.css"}),
    "confirm_js": ("static", {"filename": "confirm.js"}),
    "navigation_js": ("static", {"filename": "navigation.js"}),
    "icon": ("static", {"filename": "icon.svg"}),
    "home": ("home.index", {}),
    "portal": ("portal.index", {}),
    "language": ("i18n.choose_language", {}),
    "search": ("search.index", {}),
    "logout": ("auth.logout", {}),
    "account": ("account.index", {}),
}


def _layout(role: Role) -> tuple:
    """Return ((None, "", links), (menu key, menu label, links)...) for `role`, each link as
    (page, label, address); the addresses are left empty outside a request."""
    in_request = has_request_context()
    key = (
        role,
        current_language() if in_request else None,
        request.script_root if in_request else None,
        length_hint(entities()),
    )
    layout = _LAYOUTS.get(key)
    if layout is None:
        visible = sorted(
            (page for page in all_pages() if role.allows(page.role)), key=lambda page: page.order
        )

        def entries(menu: str | None) -> tuple:
            return tuple(
                (page, str(page.label), url_for(page.endpoint) if in_request else "")
                for page in visible
                if page.menu == menu
            )

        layout = ((None, "", entries(None)),) + tuple(
            (menu.key, str(menu.label), entries(menu.key)) for menu in MENUS
        )
        _LAYOUTS[key] = layout
    return layout


def navigation_for(role: Role, endpoint: str | None, blueprint: str | None) -> Navigation:
    """Return the header's links and menus a user of `role` sees on the page `endpoint`."""

    def links(entries: tuple) -> tuple[Link, ...]:
        return tuple(
            Link(
                page.endpoint,
                label,
                endpoint == page.endpoint or (blueprint is not None and blueprint in page.areas),
                href,
            )
            for page, label, href in entries
        )

    own, *menus = _layout(role)
    return Navigation(
        links(own[2]),
        tuple(MenuLinks(key, label, links(entries)) for key, label, entries in menus if entries),
    )


def fixed_links() -> dict[str, str]:
    """Return the addresses of the layout's fixed links (files, home, search, logout...)."""
    root = request.script_root
    found = _FIXED.get(root)
    if found is None:
        found = _FIXED[root] = {
            name: url_for(endpoint, **values)
            for name, (endpoint, values) in FIXED_ENDPOINTS.items()
        }
    return found


def header_navigation() -> Navigation:
    """Return the navigation of the current user on the current page."""
    return navigation_for(current_user.role, request.endpoint, request.blueprint)


def init_app(app: Flask) -> None:
    # A function, not its result: only pages with a logged-in user build the menus.
    app.context_processor(
        lambda: {"header_navigation": header_navigation, "fixed_links": fixed_links}
    )
