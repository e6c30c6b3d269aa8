"""Pages kept for a few seconds, so that a page read again and again is drawn once.

An office's pages are read far more often than anything changes, and several people (or tabs)
open the same lists and timelines. Each worker keeps the pages it drew, per user, language and
address, for PAGE_CACHE_SECONDS (0 turns this off):

- a person always sees their own changes: anything they send (a form, a button) marks their
  session, and no page drawn before that moment from the database is served to it again (a
  page drawn without reading it, such as an empty create form, shows nothing a change alters);
- what colleagues change shows at the latest after PAGE_CACHE_SECONDS (while one request
  draws a page anew, others asking for it at that moment get the copy, at most twice as old);
- the session check and the partner gate still run for every request (they come first), and a
  kept page is only ever served to the user it was drawn for;
- the CSRF token is put back per session and a create form's one-time key is made anew for
  every copy served; a page with flashed messages, a cookie of its own or a changed session is
  never kept.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, Response, g, has_request_context, request, session
from flask_login import current_user
from sqlalchemy import Engine, event

from partnership.i18n import current_language

# Areas whose answers are someone's secret or one-off (sign-in, the account's tokens, an
# invitation), not the office's pages (the public pages and the API have their own caching
# rules), or that check more in hooks of their own (portal, documents).
NOT_KEPT_BLUEPRINTS = {
    "auth",
    "oidc",
    "account",
    "partner_access",
    "public",
    "publishing",
    "api",
    "portal",
    "documents",
    "lookup",
    "i18n",
}
# Answered without a session cookie (the API's caller holds a token): nothing to mark there.
SESSIONLESS_BLUEPRINTS = {"api", "public"}
SAFE_METHODS = {"GET", "HEAD"}
WROTE_AT = "wrote_at"
CSRF_FIELD = "csrf_token"
STAND_IN = b"\x00fresh-%d\x00"
LARGEST_PAGE = 1024 * 1024


@dataclass(frozen=True)
class KeptPage:
    # Stand-ins mark where each copy gets values of its own (see fresh_in_every_copy).
    body: bytes
    content_type: str
    drawn_at: float
    fresh: tuple[Callable[[], str], ...] = ()
    read_data: bool = True


class PageStore:
    """The pages of one worker, the least recently served dropped first beyond `limit` bytes."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.pages: OrderedDict[tuple, KeptPage] = OrderedDict()
        self.lock = threading.Lock()  # a worker serves several requests at once in threads
        self.drawing: set[tuple] = set()

    def get(self, key: tuple) -> KeptPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def start_drawing(self, key: tuple) -> bool:
        """Return True if this request is now the one drawing `key`, False if another is."""
        with self.lock:
            if key in self.drawing:
                return False
            self.drawing.add(key)
            return True

    def done_drawing(self, key: tuple) -> None:
        with self.lock:
            self.drawing.discard(key)

    def put(self, key: tuple, page: KeptPage) -> None:
        with self.lock:
            if (old := self.pages.pop(key, None)) is not None:
                self.size -= len(old.body)
            self.pages[key] = page
            self.size += len(page.body)
            while self.size > self.limit and self.pages:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.body)


def dont_keep() -> None:
    """Mark this request's page as one that must be drawn anew for every request."""
    g.page_not_kept = True


def fresh_in_every_copy(value: str, make: Callable[[], str]) -> None:
    """Note that `value` in this page must be replaced by a new `make()` in every copy served
    (a one-time key: no two answers may carry the same)."""
    g.setdefault("page_fresh_values", []).append((value, make))


def _csrf_token() -> str:
    from flask_wtf.csrf import generate_csrf

    return generate_csrf()  # this session's token


def _count_statement(*_args) -> None:
    if has_request_context():
        g.statements_sent = g.get("statements_sent", 0) + 1


def init_app(app: Flask) -> None:
    seconds = float(app.config.get("PAGE_CACHE_SECONDS") or 0)
    if seconds <= 0:
        return
    if not event.contains(Engine, "before_cursor_execute", _count_statement):
        event.listen(Engine, "before_cursor_execute", _count_statement)
    store = PageStore(int(app.config.get("PAGE_CACHE_MEGABYTES", 32) * 1024 * 1024))
    app.extensions["page_cache"] = store

    # Registered after the login check and the partner gate: they run first, and a request
    # they turn away never reaches the kept pages.
    @app.before_request
    def serve_kept_page():
        if not _may_keep_request():
            return None
        key = g.page_key = _key()
        # A page read while someone's change was being saved may not show it: it counts as
        # drawn when its request began, before that change.
        g.page_started = time.time()
        g.statements_before_page = g.get("statements_sent", 0)  # the session check's
        page = store.get(key)
        usable = page is not None and _shows_own_changes(page)
        if usable and time.time() - page.drawn_at < seconds:
            return _served(page)
        g.page_drawing = store.start_drawing(key)
        # Several requests for a page just out of its window: one draws it anew, the others
        # get the copy a moment older instead of drawing it too (never past twice the window).
        if usable and not g.page_drawing and time.time() - page.drawn_at < 2 * seconds:
            return _served(page)
        return None

    @app.teardown_request
    def done_drawing(_error=None) -> None:
        if g.pop("page_drawing", False):
            store.done_drawing(g.page_key)

    @app.after_request
    def keep_page(response: Response) -> Response:
        if (
            request.method not in SAFE_METHODS
            and request.blueprint not in SESSIONLESS_BLUEPRINTS
            and current_user.is_authenticated
        ):
            session[WROTE_AT] = time.time()
        key = g.get("page_key")
        if key is not None and not g.get("page_served") and _may_keep(response):
            body, fresh = response.get_data(), []
            values = g.get("page_fresh_values", [])
            if token := g.get(CSRF_FIELD):
                values = [(token, _csrf_token), *values]
            for value, make in values:
                if value.encode() in body:
                    body = body.replace(value.encode(), STAND_IN % len(fresh))
                    fresh.append(make)
            read_data = g.get("statements_sent", 0) > g.statements_before_page
            page = KeptPage(body, response.content_type, g.page_started, tuple(fresh), read_data)
            store.put(key, page)
        return response


def _may_keep_request() -> bool:
    return (
        request.method in SAFE_METHODS
        and request.blueprint not in NOT_KEPT_BLUEPRINTS
        and request.endpoint not in (None, "static")
        and current_user.is_authenticated
        and "_flashes" not in session
    )


def _key() -> tuple:
    return (current_user.get_id(), current_language(), request.full_path)


def _shows_own_changes(page: KeptPage) -> bool:
    return not page.read_data or page.drawn_at > session.get(WROTE_AT, 0)


def _served(page: KeptPage) -> Response:
    g.page_served = True
    body = page.body
    for number, make in enumerate(page.fresh):
        body = body.replace(STAND_IN % number, make().encode())
    response = Response(body, content_type=page.content_type)
    response.headers["Age"] = str(int(time.time() - page.drawn_at))
    return response


def _may_keep(response: Response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.mimetype == "text/html"
        and not response.is_streamed
        and not g.get("page_not_kept")
        and not session.modified
        and "_flashes" not in session
        and "Set-Cookie" not in response.headers
        and (response.content_length or 0) <= LARGEST_PAGE
    )
