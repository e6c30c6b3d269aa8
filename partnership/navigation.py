"""The header's navigation: a few menus of links, built from the records' descriptions.

A kind of record names its place with `Entity.nav = NavPlace(menu, order)`, where `menu` is a
key of `MENUS`; pages that are not lists of records are entered below in `PAGES`.
"""

from dataclasses import dataclass

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user

from partnership.auth.models import Role
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


def navigation_for(role: Role, endpoint: str | None, blueprint: str | None) -> Navigation:
    """Return the header's links and menus a user of `role` sees on the page `endpoint`."""
    visible = sorted(
        (page for page in all_pages() if role.allows(page.role)), key=lambda page: page.order
    )

    def links(menu: str | None) -> tuple[Link, ...]:
        return tuple(
            Link(
                page.endpoint,
                str(page.label),
                endpoint == page.endpoint or (blueprint is not None and blueprint in page.areas),
            )
            for page in visible
            if page.menu == menu
        )

    menus = (MenuLinks(menu.key, str(menu.label), links(menu.key)) for menu in MENUS)
    return Navigation(links(None), tuple(menu for menu in menus if menu.links))


def header_navigation() -> Navigation:
    """Return the navigation of the current user on the current page."""
    return navigation_for(current_user.role, request.endpoint, request.blueprint)


def init_app(app: Flask) -> None:
    # A function, not its result: only pages with a logged-in user build the menus.
    app.context_processor(lambda: {"header_navigation": header_navigation})
